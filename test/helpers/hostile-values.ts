// Hostile argument lists for the property suites, as *recipes*: plain data fast-check can print
// and shrink; build() turns a recipe into fresh values on every evaluation (getters that throw,
// Proxies with throwing or inconsistent traps, revoked Proxies, own `__proto__` keys, symbols,
// 100k-char strings, frozen and null-prototype objects), plus the oracle the suites judge by.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConnectTypeError } from '../../src/errors.js';

/** How many argument lists each suite generated in this run; printed once at the end. */
export const generated = { normalize: 0, normalizeModel: 0, connect: 0 };
let printed = false;
after(() => {
  if (printed) return;
  printed = true;
  const total = generated.normalize + generated.normalizeModel + generated.connect;
  console.log(`      fast-check: ${total} generated argument lists (normalizeConnectArgs hostile ${generated.normalize}, model ${generated.normalizeModel}; connect ${generated.connect})`);
});

export const LONG = 'x'.repeat(100_000);
const LONG_KEY = 'k'.repeat(100_000);

// ---------------------------------------------------------------------------------------------
// Recipes

type Prim = string | number | bigint | boolean | undefined | null;
type KeyRecipe = string | { sym: string } | { long: true };
type Throwing = 'error' | 'string' | 'revoked' | 'bad-message' | 'long-message' | 'proxy-error';
type Entry =
  | { key: KeyRecipe; kind: 'data'; value: Recipe; enumerable: boolean; writable: boolean }
  | { key: KeyRecipe; kind: 'getter'; value: Recipe; enumerable: boolean }
  | { key: KeyRecipe; kind: 'throwing-getter'; throws: Throwing; enumerable: boolean }
  | { key: KeyRecipe; kind: 'setter-only'; enumerable: boolean };
type Trap = 'ownKeys' | 'get' | 'getOwnPropertyDescriptor' | 'getPrototypeOf' | 'has' | 'set' | 'defineProperty' | 'deleteProperty' | 'isExtensible' | 'preventExtensions' | 'setPrototypeOf' | 'apply';
type Special = 'date' | 'regexp' | 'map' | 'string-object' | 'number-object' | 'error' | 'typed-array' | 'promise' | 'Object.prototype' | 'Array.prototype' | 'Function.prototype' | 'class';

/** A description of one argument, built into a fresh value by build(). */
export type Recipe =
  | { t: 'prim'; v: Prim }
  | { t: 'symbol'; description: string }
  | { t: 'long' }
  | { t: 'object'; proto: 'object' | 'null' | 'inherits-name'; entries: Entry[]; integrity: 'none' | 'preventExtensions' | 'seal' | 'freeze' }
  | { t: 'json'; text: string }
  | { t: 'array'; items: Recipe[]; frozen: boolean }
  | { t: 'function'; withName: boolean }
  | { t: 'proxy'; target: Recipe; throwing: Trap[]; lying: 'none' | 'flip-flop' | 'phantom-name' }
  | { t: 'revoked'; target: Recipe }
  | { t: 'special'; kind: Special }
  | { t: 'anything'; v: unknown };

const CONNECT_KEYS = ['name', 'includeTlsChannelId'] as const;

const primitive: fc.Arbitrary<Prim> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('', 'abcdefghijklmnopabcdefghijklmnop', 'x', 'toString', '__proto__'),
  fc.integer(),
  fc.double(), // NaN, ±0, ±Infinity included
  fc.bigInt(),
  fc.boolean(),
  fc.constantFrom(undefined, null),
);

const keyRecipe: fc.Arbitrary<KeyRecipe> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CONNECT_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'length', '0', 'then') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((description) => ({ sym: description })) },
  { weight: 1, arbitrary: fc.constant({ long: true as const }) },
);

// Enumerable most of the time, since Object.keys sees only those.
const mostlyTrue = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

const TRAPS: Trap[] = ['ownKeys', 'get', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has', 'set', 'defineProperty', 'deleteProperty', 'isExtensible', 'preventExtensions', 'setPrototypeOf', 'apply'];
const SPECIALS: Special[] = ['date', 'regexp', 'map', 'string-object', 'number-object', 'error', 'typed-array', 'promise', 'Object.prototype', 'Array.prototype', 'Function.prototype', 'class'];
const JSON_TEXTS = [
  '{"__proto__": {"name": "x"}}',
  '{"__proto__": null}',
  '{"name": "n", "__proto__": {"includeTlsChannelId": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"name": "n"}',
  '{}',
];

/** Any argument, hostile or not, up to a small depth. */
export const recipe: fc.Arbitrary<Recipe> = fc.letrec<{ value: Recipe; object: Recipe }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: primitive.map((v): Recipe => ({ t: 'prim', v })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((description): Recipe => ({ t: 'symbol', description })) },
    { weight: 1, arbitrary: fc.constant<Recipe>({ t: 'long' }) },
    { weight: 8, arbitrary: tie('object') },
    { weight: 1, arbitrary: fc.constantFrom(...JSON_TEXTS).map((text): Recipe => ({ t: 'json', text })) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('array' as const), items: fc.array(tie('value'), { maxLength: 3 }), frozen: fc.boolean() }) },
    { weight: 1, arbitrary: fc.boolean().map((withName): Recipe => ({ t: 'function', withName })) },
    {
      weight: 3,
      arbitrary: fc.record({
        t: fc.constant('proxy' as const),
        target: tie('object'),
        throwing: fc.subarray(TRAPS, { maxLength: 3 }),
        lying: fc.constantFrom('none' as const, 'flip-flop' as const, 'phantom-name' as const),
      }),
    },
    { weight: 1, arbitrary: tie('object').map((target): Recipe => ({ t: 'revoked', target })) },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIALS).map((kind): Recipe => ({ t: 'special', kind })) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withDate: true }).map((v): Recipe => ({ t: 'anything', v })) },
  ),
  object: fc.record({
    t: fc.constant('object' as const),
    proto: fc.constantFrom('object' as const, 'null' as const, 'inherits-name' as const),
    entries: fc.array(
      fc.oneof(
        { weight: 6, arbitrary: fc.record({ key: keyRecipe, kind: fc.constant('data' as const), value: tie('value'), enumerable: mostlyTrue, writable: fc.boolean() }) },
        { weight: 2, arbitrary: fc.record({ key: keyRecipe, kind: fc.constant('getter' as const), value: tie('value'), enumerable: fc.boolean() }) },
        { weight: 2, arbitrary: fc.record({ key: keyRecipe, kind: fc.constant('throwing-getter' as const), throws: fc.constantFrom<Throwing>('error', 'string', 'revoked', 'bad-message', 'long-message', 'proxy-error'), enumerable: fc.boolean() }) },
        { weight: 1, arbitrary: fc.record({ key: keyRecipe, kind: fc.constant('setter-only' as const), enumerable: fc.boolean() }) },
      ),
      { maxLength: 4 },
    ),
    integrity: fc.constantFrom('none' as const, 'preventExtensions' as const, 'seal' as const, 'freeze' as const),
  }),
})).value;

// ---------------------------------------------------------------------------------------------
// Building values, and remembering what is behind each Proxy so snapshots never run a trap.

const PROXY_TARGETS = new WeakMap<object, object>();

function keyOf(key: KeyRecipe): PropertyKey {
  if (typeof key === 'string') return key;
  return 'sym' in key ? Symbol(key.sym) : LONG_KEY;
}

function thrower(kind: Throwing): () => never {
  return () => {
    switch (kind) {
      case 'error': throw new Error('getter failed');
      case 'string': throw 'a thrown string';
      case 'revoked': { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); throw proxy; }
      case 'bad-message': throw Object.defineProperty(new Error(), 'message', { get() { throw new Error('message getter failed'); } });
      case 'long-message': throw new Error(LONG);
      case 'proxy-error': throw new Proxy(new Error('x'), { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } });
    }
  };
}

function makeProxy(target: object, handler: ProxyHandler<object>): object {
  const proxy = new Proxy(target, handler);
  PROXY_TARGETS.set(proxy, target);
  return proxy;
}

/** A fresh value from `r`; every call builds new objects. */
export function build(r: Recipe): unknown {
  switch (r.t) {
    case 'prim': return r.v;
    case 'symbol': return Symbol(r.description);
    case 'long': return LONG;
    case 'json': return JSON.parse(r.text);
    case 'anything': return r.v;
    case 'function': {
      const fn = function connectInfoLookalike() { return 'x'; };
      if (r.withName) Object.defineProperty(fn, 'includeTlsChannelId', { value: true, enumerable: true });
      return fn;
    }
    case 'array': {
      const items = r.items.map(build);
      return r.frozen ? Object.freeze(items) : items;
    }
    case 'object': {
      const proto = r.proto === 'object' ? Object.prototype : r.proto === 'null' ? null : { name: 'inherited', bogus: 1 };
      const object: object = Object.create(proto);
      for (const entry of r.entries) {
        const key = keyOf(entry.key);
        if (Object.prototype.hasOwnProperty.call(object, key)) continue;
        const base = { enumerable: entry.enumerable, configurable: true };
        if (entry.kind === 'data') Object.defineProperty(object, key, { ...base, value: build(entry.value), writable: entry.writable });
        else if (entry.kind === 'getter') { const value = build(entry.value); Object.defineProperty(object, key, { ...base, get: () => value }); }
        else if (entry.kind === 'throwing-getter') Object.defineProperty(object, key, { ...base, get: thrower(entry.throws) });
        else Object.defineProperty(object, key, { ...base, set: () => {} });
      }
      if (r.integrity === 'preventExtensions') Object.preventExtensions(object);
      else if (r.integrity === 'seal') Object.seal(object);
      else if (r.integrity === 'freeze') Object.freeze(object);
      return object;
    }
    case 'proxy': {
      const target = build(r.target) as object;
      const handler: ProxyHandler<object> = {};
      for (const trap of r.throwing) (handler as Record<string, unknown>)[trap] = () => { throw new Error(`${trap} trap`); };
      if (r.lying === 'flip-flop' && !r.throwing.includes('get')) {
        // A different type on every read: a string first, then a number, then an object.
        let reads = 0;
        handler.get = (t, key, receiver) => (CONNECT_KEYS as readonly PropertyKey[]).includes(key) ? ['s', 5, {}][reads++ % 3] : Reflect.get(t, key, receiver);
      }
      if (r.lying === 'phantom-name' && !r.throwing.includes('ownKeys') && !r.throwing.includes('getOwnPropertyDescriptor') && Object.isExtensible(target)) {
        // Claims an own enumerable `name` the target does not have (allowed while the target is extensible).
        handler.ownKeys = (t) => [...new Set([...Reflect.ownKeys(t), 'name'])];
        handler.getOwnPropertyDescriptor = (t, key) => key === 'name' && !Object.prototype.hasOwnProperty.call(t, key) ? { value: 7, enumerable: true, configurable: true, writable: true } : Reflect.getOwnPropertyDescriptor(t, key);
      }
      return makeProxy(target, handler);
    }
    case 'revoked': {
      const target = build(r.target) as object;
      const { proxy, revoke } = Proxy.revocable(target, {});
      PROXY_TARGETS.set(proxy, target);
      revoke();
      return proxy;
    }
    case 'special':
      switch (r.kind) {
        case 'date': return new Date(0);
        case 'regexp': return /name/g;
        case 'map': return new Map([['name', 'x']]);
        case 'string-object': return new String('ab');
        case 'number-object': return new Number(1);
        case 'error': return new Error('an error as argument');
        case 'typed-array': return new Uint8Array(2);
        case 'promise': return Promise.resolve();
        case 'Object.prototype': return Object.prototype;
        case 'Array.prototype': return Array.prototype;
        case 'Function.prototype': return Function.prototype;
        case 'class': return class Info { static name2 = 'x'; };
      }
  }
}

// ---------------------------------------------------------------------------------------------
// Snapshots of everything reachable from the arguments, read through descriptors only (no getter
// or trap ever runs: a Proxy is snapshotted through its target).

type Snapshot = unknown[];

/** Records the state of every object reachable from `roots` into a flat list; `seen` collects the objects. */
export function snapshot(roots: readonly unknown[], seen = new Set<object>()): Snapshot {
  const out: Snapshot = [];
  const visit = (value: unknown, depth: number): void => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
      out.push(value);
      return;
    }
    out.push(value);
    if (seen.has(value) || depth > 6) return;
    seen.add(value);
    const target = PROXY_TARGETS.get(value);
    if (target) return visit(target, depth + 1);
    // Shared built-ins (Object.prototype & co.) are checked separately, once.
    if (BUILTINS.has(value)) return;
    out.push(Object.getPrototypeOf(value), Object.isExtensible(value));
    const keys = Reflect.ownKeys(value);
    out.push(keys.length);
    for (const key of keys) {
      const d = Reflect.getOwnPropertyDescriptor(value, key)!;
      out.push(key, d.enumerable, d.configurable, d.writable, d.get, d.set);
      if ('value' in d) visit(d.value, depth + 1);
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && !BUILTINS.has(proto)) visit(proto, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return out;
}

const BUILTINS = new Set<object>([Object.prototype, Array.prototype, Function.prototype, Error.prototype, Date.prototype, RegExp.prototype, Map.prototype, Set.prototype, String.prototype, Number.prototype, Boolean.prototype, BigInt.prototype, Promise.prototype, Symbol.prototype, Object.getPrototypeOf(Uint8Array.prototype), Uint8Array.prototype]);

/** Whether two snapshots are identical, element by element (Object.is). */
export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function stateOf(objects: Iterable<object>): Snapshot {
  const out: Snapshot = [];
  for (const object of objects) {
    out.push(Object.isExtensible(object), Object.getPrototypeOf(object));
    for (const key of Reflect.ownKeys(object)) {
      const d = Reflect.getOwnPropertyDescriptor(object, key)!;
      out.push(key, d.value, d.get, d.set, d.enumerable, d.writable, d.configurable);
    }
  }
  return out;
}
const OBJECT_PROTOTYPE_BEFORE = stateOf([Object.prototype]);
const BUILTINS_BEFORE = stateOf(BUILTINS);

/** Asserts Object.prototype (cheap: after every case) or every shared prototype (`all`) is exactly as it was at load. */
export function assertBuiltinsUnchanged(all = false): void {
  assert.ok(sameSnapshot(stateOf([Object.prototype]), OBJECT_PROTOTYPE_BEFORE), 'Object.prototype changed');
  if (all) assert.ok(sameSnapshot(stateOf(BUILTINS), BUILTINS_BEFORE), 'a built-in prototype (Array.prototype, …) changed');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
}

// ---------------------------------------------------------------------------------------------
// The oracle: Chromium's schema for runtime.connect(optional string extensionId, optional object
// connectInfo {name?: string, includeTlsChannelId?: boolean}), plus the library's own promises
// (non-empty id, no undefined-valued keys, plain own data properties only).

function plainDataObject(value: unknown, allowed: Record<string, string>, label: string): void {
  assert.ok(typeof value === 'object' && value !== null, `${label} is an object`);
  assert.ok(!Array.isArray(value), `${label} is not an array`);
  const proto = Object.getPrototypeOf(value);
  assert.ok(proto === Object.prototype || proto === null, `${label} is a plain object`);
  for (const key of Reflect.ownKeys(value)) {
    assert.ok(typeof key === 'string' && Object.prototype.hasOwnProperty.call(allowed, key), `${label} has no extra key (${String(key)})`);
    const d: PropertyDescriptor = Reflect.getOwnPropertyDescriptor(value, key)!;
    assert.ok('value' in d && d.enumerable, `${label}.${key} is an enumerable data property`);
    assert.equal(typeof d.value, allowed[key], `${label}.${key} is a ${allowed[key]}`);
  }
}

const INFO_SCHEMA = { name: 'string', includeTlsChannelId: 'boolean' };

/** Asserts `info` is a connectInfo Chromium's schema accepts. */
export function assertValidConnectInfo(info: unknown, label = 'connectInfo'): void {
  plainDataObject(info, INFO_SCHEMA, label);
}

/** Asserts `result` is something the native API accepts and shares no object with the caller's `callerObjects`. */
export function assertAcceptedResult(result: unknown, callerObjects: ReadonlySet<object>): void {
  plainDataObject(result, { extensionId: 'string', connectInfo: 'object' }, 'result');
  const { extensionId, connectInfo } = result as { extensionId?: string; connectInfo?: object };
  assert.ok(!callerObjects.has(result as object), 'the result is not one of the caller’s objects');
  if (extensionId !== undefined) assert.notEqual(extensionId, '', 'extensionId is non-empty');
  if (connectInfo !== undefined) {
    assertValidConnectInfo(connectInfo);
    assert.ok(!callerObjects.has(connectInfo), 'connectInfo is fresh, not the caller’s object');
    assert.notEqual(connectInfo, Object.prototype);
  }
}

const MESSAGE_FORMAT = /^webext-connect: runtime\.connect\(\): (arguments|extensionId|connectInfo|connectInfo\.name|connectInfo\.includeTlsChannelId) expected [\s\S]+, received [\s\S]+\.$/;

/** Asserts `error` is the library's TypeError in its documented format, short whatever the input. */
export function assertLibraryTypeError(error: unknown): void {
  assert.ok(error instanceof ConnectTypeError, `only ConnectTypeError escapes, not ${Object.prototype.toString.call(error)}: ${error instanceof Error ? error.message.slice(0, 200) : typeof error}`);
  assert.ok(error instanceof TypeError);
  assert.equal(error.name, 'TypeError');
  assert.equal(error.code, 'INVALID_ARGUMENT');
  assert.match(error.message, MESSAGE_FORMAT);
  assert.ok(error.message.length < 400, `the message stays short (${error.message.length} chars)`);
  assert.ok(error.message.startsWith(`webext-connect: runtime.connect(): ${error.parameter} `), 'parameter matches the message');
}

// ---------------------------------------------------------------------------------------------
// Argument lists

/** Argument lists of 0–3 hostile or ordinary values. */
export const hostileArgs: fc.Arbitrary<Recipe[]> = fc.oneof(
  { weight: 1, arbitrary: fc.array(recipe, { maxLength: 3 }) },
  // Mostly one or two arguments, where the interesting overloads are.
  { weight: 3, arbitrary: fc.tuple(recipe) },
  { weight: 3, arbitrary: fc.tuple(recipe, recipe) },
);

// Well-formed-looking argument lists of plain data, for which an independent model says exactly
// what must come out.
const idValue = fc.oneof(fc.constantFrom(undefined, null, '', 'abcdefghijklmnopabcdefghijklmnop'), fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
const infoValue = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom('name', 'includeTlsChannelId', 'bogus', '__proto__'), fc.oneof(fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(undefined), fc.constant(null), fc.integer()), { maxKeys: 3, noNullPrototype: false }) },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, 'str', 3, [] as unknown) },
);
export const plainArgs: fc.Arbitrary<unknown[]> = fc.oneof(
  fc.tuple(),
  fc.tuple(fc.oneof(idValue, infoValue)),
  fc.tuple(fc.oneof(idValue, infoValue), fc.oneof(idValue, infoValue)),
  fc.tuple(idValue, infoValue, fc.constantFrom(undefined, 1)),
);

export type ModelValue = { extensionId?: string; connectInfo?: Record<string, unknown> };
export type Modelled = { ok: true; value: ModelValue } | { ok: false; parameter: string };

/** What Chromium's signature matching does with plain data, written independently of src/. */
export function model(args: readonly unknown[]): Modelled {
  if (args.length > 2) return { ok: false, parameter: 'arguments' };
  const isInfo = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const absent = (v: unknown) => v === undefined || v === null;
  // Signatures tried in order: (id?, info?), then (info) when the first argument is an object and nothing real follows.
  let id = args[0];
  let info = args[1];
  if (isInfo(id) && absent(info)) [id, info] = [undefined, id];
  const value: ModelValue = {};
  if (!absent(id)) {
    if (typeof id !== 'string' || id === '') return { ok: false, parameter: 'extensionId' };
    value.extensionId = id;
  }
  if (absent(info)) return { ok: true, value };
  if (!isInfo(info)) return { ok: false, parameter: 'connectInfo' };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(info as object)) {
    const type = key === 'name' ? 'string' : key === 'includeTlsChannelId' ? 'boolean' : null;
    if (type === null) return { ok: false, parameter: 'connectInfo' };
    if (v === undefined) continue;
    if (typeof v !== type) return { ok: false, parameter: `connectInfo.${key}` };
    out[key] = v;
  }
  value.connectInfo = out;
  return { ok: true, value };
}
