// checkMessage: one labelled row per value of shared/notes/ports.md section 1 (and the kinds around
// them), each with the problems expected; then cycles, depth, the 64 MiB limit, reading each
// property once, and hostile values (getters and Proxy traps that throw, revoked Proxies).
import assert from 'node:assert/strict';
import { checkMessage, type MessageProblem } from '../../src/message/check-message.js';

const SAME = 'arrives alike';
const cannot = (what: string) => `${what}: JSON cannot send it, structured clone cannot send it`;
const kept = (what: string, json: string) => `${what}: JSON ${json}, structured clone ${what}`;

function cyclic(): object {
  const node: Record<string, unknown> = { name: 'o' };
  node.self = node;
  return node;
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

// [label, a fresh value, expected problems as [path, problem] (or SAME)]
const CASES: Array<[string, () => unknown, Array<[string, string]> | typeof SAME]> = [
  // Plain JSON data, and what both serializations treat alike.
  ['plain JSON data', () => ({ a: 1, s: 'x', b: true, n: null, list: [1, 'two', { three: [] }], nested: { deep: { er: 0.5 } } }), SAME],
  ['0 and negative numbers', () => [0, -1, -0.5, 1e21, Number.MAX_SAFE_INTEGER], SAME],
  ['an object shared twice, not a cycle', () => { const shared = { x: 1 }; return { a: shared, b: [shared, shared] }; }, SAME],
  ['symbol keys (both ignore them)', () => ({ [Symbol('k')]: 1, a: 2 }), SAME],
  ['non-enumerable properties (both skip them)', () => Object.defineProperty({ a: 1 }, 'hidden', { value: undefined, enumerable: false }), SAME],
  ['a null-prototype object', () => Object.assign(Object.create(null), { a: 1 }), SAME],
  ['a class instance (both send its own properties)', () => new (class Point { x = 1; y = 2; })(), SAME],
  ['a getter (both read it)', () => ({ get g() { return 5; } }), SAME],
  ['an own key "__proto__"', () => JSON.parse('{"__proto__": {"a": 1}}'), SAME],
  ['a string just under 64 MiB with its quotes', () => 'x'.repeat(2 ** 26 - 2), SAME],

  // undefined, where it stands.
  ['undefined as the message', () => undefined, [['', 'undefined: JSON sends null, structured clone undefined']]],
  ['undefined as a property', () => ({ a: undefined }), [['a', 'undefined: JSON drops the property, structured clone undefined']]],
  ['undefined in an array', () => [1, undefined], [['1', 'undefined: JSON sends null, structured clone undefined']]],

  // Numbers JSON cannot write.
  ['NaN', () => NaN, [['', kept('NaN', 'sends null')]]],
  ['Infinity', () => ({ big: Infinity }), [['big', kept('Infinity', 'sends null')]]],
  ['-Infinity', () => [-Infinity], [['0', kept('-Infinity', 'sends null')]]],
  ['-0', () => -0, [['', kept('-0', 'sends 0')]]],

  // Objects JSON turns into something else.
  ['a Date', () => ({ when: new Date(0) }), [['when', 'a Date: JSON sends an ISO string, structured clone a Date']]],
  ['an invalid Date', () => new Date(NaN), [['', 'a Date: JSON sends an ISO string, structured clone a Date']]],
  ['a Map', () => new Map([[1, 2]]), [['', kept('a Map', 'sends an object')]]],
  ['a Set', () => new Set([1]), [['', kept('a Set', 'sends an object')]]],
  ['a RegExp', () => /re/g, [['', kept('a RegExp', 'sends an object')]]],
  ['an ArrayBuffer', () => new ArrayBuffer(2), [['', kept('an ArrayBuffer', 'sends an object')]]],
  ['an Error', () => new Error('boom'), [['', kept('an Error', 'sends an object')]]],
  ['a TypeError (an Error too)', () => new TypeError('boom'), [['', kept('an Error', 'sends an object')]]],
  ['a Uint8Array', () => new Uint8Array([1, 2]), [['', kept('a Uint8Array', 'sends an object')]]],
  ['an Int16Array', () => new Int16Array(1), [['', kept('an Int16Array', 'sends an object')]]],
  ['a Float64Array', () => new Float64Array(1), [['', kept('a Float64Array', 'sends an object')]]],
  ['a DataView', () => new DataView(new ArrayBuffer(1)), [['', kept('a DataView', 'sends an object')]]],
  ['a String object', () => new String('s'), [['', kept('a String object', 'unboxes it')]]],
  ['a Number object', () => new Number(1), [['', kept('a Number object', 'unboxes it')]]],
  ['a Boolean object', () => new Boolean(false), [['', kept('a Boolean object', 'unboxes it')]]],
  ['a sparse array', () => [1, , 3], [['', 'holes: JSON sends null, structured clone keeps them']]],
  ['an array with trailing holes', () => new Array(3), [['', 'holes: JSON sends null, structured clone keeps them']]],
  ['an object with toJSON', () => ({ toJSON() { return 'J'; } }), [['', 'toJSON: JSON calls it, structured clone does not']]],
  ['an inherited toJSON', () => new (class Stamp { toJSON() { return 1; } })(), [['', 'toJSON: JSON calls it, structured clone does not']]],

  // Functions and symbols, where they stand.
  ['a function as the message', () => function f() {}, [['', cannot('a function')]]],
  ['a function as a property', () => ({ f() {} }), [['f', 'a function: JSON drops the property, structured clone cannot send it']]],
  ['a function in an array', () => [() => 1], [['0', 'a function: JSON sends null, structured clone cannot send it']]],
  ['a symbol as the message', () => Symbol('s'), [['', cannot('a symbol')]]],
  ['a symbol as a property', () => ({ s: Symbol('s') }), [['s', 'a symbol: JSON drops the property, structured clone cannot send it']]],
  ['a symbol in an array', () => [Symbol('s')], [['0', 'a symbol: JSON sends null, structured clone cannot send it']]],
  ['nested function, NaN and Date (ports.md)', () => ({ f() {}, n: NaN, d: new Date(0) }), [
    ['f', 'a function: JSON drops the property, structured clone cannot send it'],
    ['n', kept('NaN', 'sends null')],
    ['d', 'a Date: JSON sends an ISO string, structured clone a Date'],
  ]],

  // What JSON cannot send at all.
  ['a BigInt', () => BigInt(10), [['', 'a bigint: JSON cannot send it, structured clone a bigint']]],
  ['a BigInt as a property', () => ({ b: BigInt(10) }), [['b', 'a bigint: JSON cannot send it, structured clone a bigint']]],
  ['a BigInt object', () => Object(BigInt(10)), [['', 'a BigInt: JSON cannot send it, structured clone a BigInt']]],
  ['a cycle', cyclic, [['self', 'a cycle: JSON cannot send it, structured clone keeps it']]],
  ['a cycle through an array', () => { const list: unknown[] = [1]; list.push({ back: list }); return { list }; }, [['list.1.back', 'a cycle: JSON cannot send it, structured clone keeps it']]],
  ['a string over 64 MiB with its quotes', () => ({ s: 'x'.repeat(2 ** 26 - 1) }), [['s', 'a string over 64 MiB: JSON cannot send it, structured clone a string']]],

  // Other built-ins: structured clone refuses them.
  ['a Promise', () => Promise.resolve(), [['', 'a Promise: JSON sends an object, structured clone cannot send it']]],
  ['a WeakMap', () => new WeakMap(), [['', 'a WeakMap: JSON sends an object, structured clone cannot send it']]],
  ['a Symbol object', () => Object(Symbol('s')), [['', 'a Symbol: JSON sends an object, structured clone cannot send it']]],

  // Paths.
  ['paths: dots between keys, array indexes as keys', () => ({ a: { b: [{ c: NaN }] }, 'odd key': [0, [undefined]] }), [
    ['a.b.0.c', kept('NaN', 'sends null')],
    ['odd key.1.0', 'undefined: JSON sends null, structured clone undefined'],
  ]],

  // Hostile values: a problem, never an exception.
  ['a getter that throws', () => ({ ok: 1, get bad() { throw new Error('getter'); }, after: NaN }), [
    ['bad', cannot('unreadable')],
    ['after', kept('NaN', 'sends null')],
  ]],
  ['a getter that throws a non-Error', () => ({ get bad() { throw 'a string'; } }), [['bad', cannot('unreadable')]]],
  ['a revoked Proxy', revoked, [['', cannot('unreadable')]]],
  ['a revoked Proxy inside', () => ({ p: revoked() }), [['p', cannot('unreadable')]]],
  ['a Proxy whose ownKeys trap throws', () => new Proxy({}, { ownKeys() { throw new Error('trap'); } }), [['', cannot('unreadable')]]],
  ['a Proxy whose get trap throws', () => ({ p: new Proxy({ a: 1 }, { get() { throw new Error('trap'); } }) }), [['p', cannot('unreadable')]]],
  ['a Proxy whose getOwnPropertyDescriptor trap throws', () => new Proxy({ a: 1 }, { getOwnPropertyDescriptor() { throw new Error('trap'); } }), [['', cannot('unreadable')]]],
  ['a Proxy of plain data (read through its traps, as JSON does)', () => new Proxy({ a: [1, NaN] }, {}), [['a.1', kept('NaN', 'sends null')]]],
];

const asPairs = (problems: MessageProblem[]) => problems.map(({ path, problem }) => [path, problem]);

describe('checkMessage', () => {
  describe('what arrives differently under JSON and structured clone', () => {
    for (const [label, make, expected] of CASES) {
      it(`${label}: ${expected === SAME ? '[]' : expected.map(([path, problem]) => `${path || "''"} → ${problem}`).join('; ')}`, () => {
        assert.deepEqual(asPairs(checkMessage(make())), expected === SAME ? [] : expected, label);
      });
    }
  });

  it('returns plain { path, problem } objects with string fields, and a fresh array each call', () => {
    const value = { a: NaN };
    const first = checkMessage(value);
    assert.notEqual(checkMessage(value), first);
    for (const entry of first) {
      assert.deepEqual(Object.keys(entry), ['path', 'problem']);
      assert.equal(typeof entry.path, 'string');
      assert.equal(typeof entry.problem, 'string');
    }
  });

  it('bounds the depth: a chain 100,000 deep is one "too deep" problem at depth 1000, no stack overflow', () => {
    const root: Record<string, unknown> = {};
    let node = root;
    for (let i = 0; i < 100_000; i++) node = (node.n = {}) as Record<string, unknown>;
    const problems = checkMessage(root);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.path, Array(1001).fill('n').join('.'));
    assert.equal(problems[0]!.problem, 'too deep: JSON not checked, structured clone not checked');
  });

  it('reads each own property exactly once (Object.keys, then one read per key), through getters and Proxies', () => {
    const reads = new Map<PropertyKey, number>();
    const count = (key: PropertyKey) => reads.set(key, (reads.get(key) ?? 0) + 1);
    const inner = new Proxy({ x: 1, y: [1, 2] }, { get(target, key, receiver) { if (typeof key === 'string') count(`inner.${key}`); return Reflect.get(target, key, receiver); } });
    const value = {
      get a() { count('a'); return { b: 1 }; },
      get toJSONish() { count('toJSONish'); return 2; },
      inner,
    };
    checkMessage(value);
    // (Symbol.toStringTag is read too, as Object.prototype.toString reads it: not a property sent.)
    assert.deepEqual([...reads].sort(), [['a', 1], ['inner.x', 1], ['inner.y', 1], ['toJSONish', 1]]);
  });

  it('never runs a getter named toJSON (JSON would call it; checking needs no read)', () => {
    let reads = 0;
    const value = Object.defineProperty({}, 'toJSON', { get() { reads++; return () => 1; }, enumerable: true });
    assert.deepEqual(asPairs(checkMessage(value)), [['', 'toJSON: JSON calls it, structured clone does not']]);
    assert.equal(reads, 0);
  });

  it('changes nothing in the value it checks', () => {
    const value = { a: [1, { b: new Date(0) }], c: undefined };
    const before = JSON.stringify(value);
    checkMessage(value);
    assert.equal(JSON.stringify(value), before);
    assert.ok(Object.isExtensible(value) && 'c' in value);
  });
});
