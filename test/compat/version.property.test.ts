// Property tests of version strings in compat queries: compareVersions on arbitrary strings and
// non-strings never throws and is a consistent order (antisymmetric, transitive, equality a
// congruence), and isSupported()/getSupport() never throw whatever the target, and agree with the
// table's version ranges.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compatTable, getSupport, isSupported } from '../../src/compat/query.js';
import type { FeatureName } from '../../src/compat/types.js';
import { compareVersions } from '../../src/compat/version.js';

let cases = 0;
after(() => console.log(`      fast-check: ${cases} generated version cases`));

const RUNS = 10_000;

// Strings that look enough like versions to reach every branch: digits, dots, letters, leading
// zeros, 17+ digit parts (beyond double precision), 400-digit parts (Infinity), empty parts.
const versionish = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '.', '.', 'a', 'b', ' ', '-', 'e'), maxLength: 12 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.nat({ max: 300 }).map(String), fc.bigInt({ min: BigInt(0), max: BigInt(10) ** BigInt(22) }).map(String), fc.constantFrom('0', '00', '007', '')), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 200 }), fc.constantFrom('', 'a1', 'esr', '.0', 'b2.3', '.', '..1', 'e5', '-beta')).map(([n, suffix]) => `${n}${suffix}`) },
  { weight: 1, arbitrary: fc.constantFrom('9'.repeat(400), '9'.repeat(401), `1.${'9'.repeat(400)}`, '1'.repeat(10_000), `${'1.'.repeat(5_000)}1`, `${'0.'.repeat(5_000)}1`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
// Non-strings, including objects whose reads throw. Built inside the property (fast-check itself
// reads generated values, and would trip over a Proxy whose traps throw).
type Lazy = { readonly label: string; readonly make: () => unknown };
const HOSTILE_KINDS: Record<string, () => unknown> = {
  'revoked Proxy': () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; },
  'Proxy whose traps throw': () => { const fail = () => { throw new Error('trap'); }; return new Proxy({}, { get: fail, has: fail, getOwnPropertyDescriptor: fail, ownKeys: fail }); },
  'getters that throw': () => Object.defineProperties({}, { browser: { get: () => { throw new Error('browser'); }, enumerable: true }, version: { get: () => { throw new Error('version'); }, enumerable: true } }),
  'conversions that throw': () => { const fail = () => { throw new Error('convert'); }; return { toString: fail, valueOf: fail, [Symbol.toPrimitive]: fail }; },
  'symbol': () => Symbol('45'),
  'boxed string': () => new String('45'),
};
const lazy = (label: string, make: () => unknown): Lazy => ({ label, make, [fc.toStringMethod]: () => label } as Lazy);
const hostile: fc.Arbitrary<Lazy> = fc.oneof(
  fc.anything({ maxDepth: 1, withBigInt: true, withBoxedValues: true, withNullPrototype: true }).map((v) => lazy(fc.stringify(v), () => v)),
  fc.constantFrom(...Object.keys(HOSTILE_KINDS)).map((kind) => lazy(kind, HOSTILE_KINDS[kind])),
);
const anyValue: fc.Arbitrary<Lazy> = fc.oneof({ weight: 4, arbitrary: versionish.map((v) => lazy(JSON.stringify(v.slice(0, 60)), () => v)) }, { weight: 1, arbitrary: hostile });

const isOrder = (result: number) => result === -1 || result === 0 || result === 1;
const startsWithDigit = (value: unknown) => typeof value === 'string' && /^[0-9]/.test(value);

describe('version strings in compat queries (property, fast-check)', function () {
  this.timeout(30_000);
  it(`compareVersions never throws on any two values: -1, 0 or 1, and NaN exactly when one does not start with a digit (${RUNS} cases)`, () => {
    fc.assert(fc.property(anyValue, anyValue, (lazyA, lazyB) => {
      cases++;
      const [a, b] = [lazyA.make(), lazyB.make()];
      const result = compareVersions(a as string, b as string);
      if (startsWithDigit(a) && startsWithDigit(b)) assert.ok(isOrder(result), `got ${result}`);
      else assert.ok(Number.isNaN(result), `got ${result}`);
    }), { numRuns: RUNS });
  });

  it(`is reflexive and antisymmetric (${RUNS} cases)`, () => {
    fc.assert(fc.property(versionish, versionish, (a, b) => {
      cases++;
      const ab = compareVersions(a, b);
      const ba = compareVersions(b, a);
      if (Number.isNaN(ab)) assert.ok(Number.isNaN(ba));
      else assert.equal(ab, -ba || 0);
      if (startsWithDigit(a)) assert.equal(compareVersions(a, a), 0);
    }), { numRuns: RUNS });
  });

  it(`is transitive, and equal versions compare alike with any third (${RUNS} cases)`, () => {
    // Built from few distinct parts so that equal and near-equal triples are common.
    const close = fc.oneof(versionish, fc.array(fc.constantFrom('0', '1', '01', '2', '10'), { minLength: 1, maxLength: 4 }).chain((parts) => fc.constantFrom(parts.join('.'), `${parts.join('.')}.0`, `${parts.join('.')}a`, `${parts.join('.')}.`)));
    fc.assert(fc.property(close, close, close, (a, b, c) => {
      cases++;
      const ab = compareVersions(a, b);
      const bc = compareVersions(b, c);
      const ac = compareVersions(a, c);
      if ([ab, bc, ac].some(Number.isNaN)) return;
      if (ab <= 0 && bc <= 0) assert.ok(ac <= 0, `${a} ≤ ${b} ≤ ${c} but ${a} > ${c}`);
      if (ab < 0 && bc <= 0) assert.equal(ac, -1, `${a} < ${b} ≤ ${c}`);
      if (ab === 0) assert.equal(ac, bc, `${a} = ${b}, so both compare alike with ${c}`);
    }), { numRuns: RUNS });
  });

  it(`sorting with it gives the same order whatever the input order (${RUNS / 10} cases)`, () => {
    const parseable = versionish.filter(startsWithDigit);
    fc.assert(fc.property(fc.array(parseable, { maxLength: 12 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))), ([list, shuffled]) => {
      cases++;
      const sortedA = list.slice().sort(compareVersions);
      const sortedB = shuffled.slice().sort(compareVersions);
      for (let i = 1; i < sortedA.length; i++) assert.ok(compareVersions(sortedA[i - 1], sortedA[i]) <= 0);
      // Same sequence up to equal versions.
      assert.deepEqual(sortedA.map((v, i) => compareVersions(v, sortedB[i])), sortedA.map(() => 0));
    }), { numRuns: RUNS / 10 });
  });

  const FEATURES = Object.keys(compatTable) as FeatureName[];
  const BROWSERS = Object.keys(compatTable[FEATURES[0]]);

  it(`isSupported and getSupport never throw, whatever the target, browser and version (${RUNS} cases)`, () => {
    const browser: fc.Arbitrary<Lazy> = fc.oneof(fc.oneof(fc.constantFrom(...BROWSERS, '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''), fc.string({ maxLength: 8 })).map((b) => lazy(JSON.stringify(b), () => b)), anyValue);
    const target = fc.oneof(
      { weight: 3, arbitrary: fc.record({ browser, version: anyValue }, { requiredKeys: [] }).map((r) => lazy(`{ browser: ${r.browser?.label}, version: ${r.version?.label} }`, () => ({ ...('browser' in r ? { browser: r.browser!.make() } : {}), ...('version' in r ? { version: r.version!.make() } : {}) }))) },
      { weight: 1, arbitrary: hostile },
    );
    const feature = fc.constantFrom<string>(...FEATURES, '__proto__', 'constructor', 'nope');
    fc.assert(fc.property(feature, browser, target, (f, lazyB, lazyT) => {
      cases++;
      const [b, t] = [lazyB.make(), lazyT.make()];
      assert.equal(typeof isSupported(f as FeatureName, t as never), 'boolean');
      const known = FEATURES.includes(f as FeatureName);
      if (b === undefined) {
        // getSupport(feature) (no browser): the whole row
        assert.equal(getSupport(f as FeatureName, b as never), known ? compatTable[f as FeatureName] : undefined);
        return;
      }
      const statement = getSupport(f as FeatureName, b as string);
      assert.ok(statement === undefined || (typeof statement === 'object' && 'version_added' in statement), 'a statement or undefined');
      if (typeof b !== 'string' || !BROWSERS.includes(b) || !known) assert.equal(statement, undefined, 'nothing for an unknown feature or browser');
      else assert.equal(statement, (compatTable[f as FeatureName] as Record<string, unknown>)[b]);
    }), { numRuns: RUNS });
  });

  it(`isSupported agrees with the table's ranges: added ≤ version < removed (${RUNS} cases)`, () => {
    const pairs = FEATURES.flatMap((feature) => BROWSERS.map((b) => [feature, b] as const));
    fc.assert(fc.property(fc.constantFrom(...pairs), versionish, ([feature, b], version) => {
      cases++;
      const statement = getSupport(feature, b)!;
      const { version_added: added, version_removed: removed } = statement as { version_added: string | boolean; version_removed?: string };
      const actual = isSupported(feature, { browser: b, version });
      let expected: boolean;
      if (!added || !startsWithDigit(version)) expected = false;
      else expected = (added === true || compareVersions(version, added) >= 0) && (!removed || compareVersions(version, removed) < 0);
      assert.equal(actual, expected, `${feature} in ${b} ${JSON.stringify(version.slice(0, 40))}`);
    }), { numRuns: RUNS });
  });
});
