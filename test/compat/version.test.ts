import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareVersions } from '../../src/compat/version.js';

// [a, b, expected compareVersions(a, b)]
const CASES: ReadonlyArray<readonly [string, string, number]> = [
  ['45', '45', 0],
  ['45.0', '45', 0],
  ['45.0.0.0', '45', 0],
  ['44', '45', -1],
  ['44.9', '45', -1],
  ['100', '99', 1],
  ['99.10', '99.9', 1],
  ['045', '45', 0],
  ['71.0.3578.98', '72', -1],
  ['72.0.3626.81', '72', 1],
  ['125.0a1', '125', 0],
  ['128.0esr', '128', 0],
  ['128.0esr', '128.1', -1],
  ['45.', '45', 0],
  ['45..1', '45', 0],
  ['1.2.3', '1.2.4', -1],
];

const UNPARSEABLE = ['', ' 45', 'v45', '.5', '≤45', 'preview', 'abc', '-1', 'NaN'];

describe('compareVersions', () => {
  for (const [a, b, expected] of CASES) {
    it(`${JSON.stringify(a)} vs ${JSON.stringify(b)} → ${expected}`, () => {
      assert.equal(compareVersions(a, b), expected);
      assert.equal(compareVersions(b, a), -expected || 0);
    });
  }

  it('is NaN for strings not starting with a digit and for non-strings', () => {
    for (const bad of UNPARSEABLE) {
      assert.ok(Number.isNaN(compareVersions(bad, '45')), JSON.stringify(bad));
      assert.ok(Number.isNaN(compareVersions('45', bad)), JSON.stringify(bad));
    }
    for (const bad of [null, undefined, 45, {}, Symbol('v')]) {
      assert.ok(Number.isNaN(compareVersions(bad as any, '45')), String(bad));
    }
  });

  it('treats huge parts as equal infinities instead of throwing', () => {
    assert.equal(compareVersions('9'.repeat(400), '9'.repeat(401)), 0);
    assert.equal(compareVersions('9'.repeat(400), '1'), 1);
  });

  const version = fc.oneof(
    fc.array(fc.nat({ max: 200 }), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')),
    fc.tuple(fc.nat({ max: 200 }), fc.constantFrom('', 'a1', 'esr', '.0', 'b2.3')).map(([n, suffix]) => `${n}${suffix}`),
  );
  const anyString = fc.oneof(version, fc.string(), fc.string({ unit: 'grapheme' }));

  it('never throws and answers -1, 0, 1 or NaN (property)', () => {
    fc.assert(fc.property(anyString, anyString, (a, b) => {
      const result = compareVersions(a, b);
      assert.ok([-1, 0, 1].includes(result) || Number.isNaN(result));
    }));
  });

  it('is reflexive and antisymmetric (property)', () => {
    fc.assert(fc.property(anyString, anyString, (a, b) => {
      const ab = compareVersions(a, b);
      const ba = compareVersions(b, a);
      if (Number.isNaN(ab)) assert.ok(Number.isNaN(ba));
      else assert.equal(ab, -ba || 0);
      if (!Number.isNaN(compareVersions(a, a))) assert.equal(compareVersions(a, a), 0);
    }));
  });

  it('is transitive (property)', () => {
    fc.assert(fc.property(version, version, version, (a, b, c) => {
      const [x, y, z] = [a, b, c].sort(compareVersions);
      assert.ok(compareVersions(x, y) <= 0 && compareVersions(y, z) <= 0 && compareVersions(x, z) <= 0, `${x} ${y} ${z}`);
      if (compareVersions(x, y) === 0 && compareVersions(y, z) === 0) assert.equal(compareVersions(x, z), 0);
    }));
  });

  it('agrees with comparing the numeric parts as arrays (property)', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), (a, b) => {
      let expected = 0;
      for (let i = 0; i < Math.max(a.length, b.length) && !expected; i++) expected = Math.sign((a[i] || 0) - (b[i] || 0));
      assert.equal(compareVersions(a.join('.'), b.join('.')), expected);
    }));
  });
});
