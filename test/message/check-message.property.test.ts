// Property tests of checkMessage: it never throws, whatever the value (fast-check's anything, and
// the hostile recipes of test/helpers/hostile-values.ts: getters and Proxy traps that throw, revoked
// Proxies, frozen and null-prototype objects); JSON data gets []; and the oracle: whenever it says
// [], Node's structuredClone and a JSON round trip deliver the same data, equal to the value.
import assert from 'node:assert/strict';
import { deepEqual as looseDeepEqual } from 'node:assert';
import fc from 'fast-check';
import { checkMessage } from '../../src/message/check-message.js';
import { build, recipe } from '../helpers/hostile-values.js';

let cases = 0;
let empty = 0;
after(() => console.log(`      fast-check: ${cases} generated messages (${empty} judged portable by the oracle test)`));

const RUNS = 10_000;

// Every kind fast-check makes: Dates, Maps, Sets, typed arrays, sparse arrays, boxed values,
// BigInts, null prototypes, and doubles with NaN, ±Infinity and -0.
const anything = fc.anything({ maxDepth: 4, withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, withUnicodeString: true });

function assertProblems(problems: unknown): void {
  assert.ok(Array.isArray(problems));
  for (const entry of problems) {
    assert.deepEqual(Object.keys(entry), ['path', 'problem']);
    assert.equal(typeof entry.path, 'string');
    assert.match(entry.problem, /^[^:]+: JSON .+, structured clone .+$/);
  }
}

describe('checkMessage (property, fast-check)', function () {
  this.timeout(60_000);

  it(`never throws on anything fast-check makes (${RUNS} cases)`, () => {
    fc.assert(fc.property(anything, (value) => {
      cases++;
      assertProblems(checkMessage(value));
    }), { numRuns: RUNS });
  });

  it(`never throws on hostile values: throwing getters and traps, revoked Proxies, inside anything (${RUNS} cases)`, () => {
    // Built inside the property: fast-check itself reads generated values, and would trip over them.
    fc.assert(fc.property(recipe, fc.array(recipe, { maxLength: 3 }), (r, more) => {
      cases++;
      assertProblems(checkMessage(build(r)));
      assertProblems(checkMessage({ wrapped: [build(r), ...more.map(build)] }));
    }), { numRuns: RUNS });
  });

  it(`JSON data (what JSON.parse makes of JSON.stringify's text) gets [] (${RUNS} cases)`, () => {
    // Through a round trip first: fc.jsonValue() has -0, which JSON.parse('-0') makes but JSON.stringify writes as 0.
    fc.assert(fc.property(fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v))), (value) => {
      cases++;
      assert.deepEqual(checkMessage(value), []);
    }), { numRuns: RUNS });
  });

  it(`oracle: when it says [], structuredClone and a JSON round trip deliver the same data, equal to the value (${RUNS} cases)`, () => {
    fc.assert(fc.property(anything, (value) => {
      cases++;
      if (checkMessage(value).length) return;
      empty++;
      const json = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
      // Strict between the two deliveries (-0, NaN, kinds); loose against the value, whose null
      // prototypes neither delivers.
      assert.deepStrictEqual(structuredClone(value), json);
      looseDeepEqual(json, value);
    }), { numRuns: RUNS });
  });
});
