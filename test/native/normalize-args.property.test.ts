// Property tests of normalizeConnectArgs against hostile input (test/helpers/hostile-values.ts).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeConnectArgs } from '../../src/native/normalize-args.js';
import { ConnectTypeError } from '../../src/errors.js';
import type { Modelled, ModelValue, Recipe } from '../helpers/hostile-values.js';
import { assertAcceptedResult, assertBuiltinsUnchanged, assertLibraryTypeError, build, generated, hostileArgs, model, plainArgs, sameSnapshot, snapshot } from '../helpers/hostile-values.js';

const HOSTILE_RUNS = 70_000;
const MODEL_RUNS = 15_000;

describe('normalizeConnectArgs (property, fast-check)', () => {
  it(`${HOSTILE_RUNS} hostile argument lists: an accepted fresh result or the library TypeError; nothing mutated`, function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(hostileArgs, (recipes) => {
        generated.normalize++;
        const args = recipes.map(build);
        const callerObjects = new Set<object>();
        const before = snapshot(args, callerObjects);
        let result: unknown;
        let threw = false;
        try {
          result = normalizeConnectArgs(...args);
        } catch (error) {
          threw = true;
          assertLibraryTypeError(error);
        }
        if (!threw) assertAcceptedResult(result, callerObjects);
        assert.ok(sameSnapshot(snapshot(args), before), 'the caller’s objects are unchanged');
        assertBuiltinsUnchanged();
      }),
      { numRuns: HOSTILE_RUNS },
    );
    assertBuiltinsUnchanged(true);
  });

  it(`${MODEL_RUNS} plain argument lists: exactly what an independent model of Chromium's signature matching says`, function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(plainArgs, (args) => {
        generated.normalizeModel++;
        const expected = model(args);
        let actual: Modelled;
        try {
          actual = { ok: true, value: normalizeConnectArgs(...args) as ModelValue };
        } catch (error) {
          assertLibraryTypeError(error);
          actual = { ok: false, parameter: (error as ConnectTypeError).parameter };
        }
        assert.deepEqual(actual, expected);
      }),
      { numRuns: MODEL_RUNS },
    );
  });

  it('the generators reach the interesting cases (so the properties above are not vacuous)', () => {
    // A fixed-seed sample: both outcomes and each kind of hostile value show up.
    const sample = fc.sample(hostileArgs, { numRuns: 3000, seed: 42 });
    let accepted = 0;
    let rejected = 0;
    const kinds = new Set<string>();
    const walk = (r: Recipe): void => {
      kinds.add(r.t);
      if (r.t === 'object') for (const e of r.entries) { kinds.add(`entry:${e.kind}`); if (e.kind === 'data' || e.kind === 'getter') walk(e.value); }
      if (r.t === 'proxy') { walk(r.target); for (const trap of r.throwing) kinds.add(`trap:${trap}`); }
      if (r.t === 'array') r.items.forEach(walk);
    };
    for (const recipes of sample) {
      recipes.forEach(walk);
      try { normalizeConnectArgs(...recipes.map(build)); accepted++; } catch { rejected++; }
    }
    assert.ok(accepted > 150 && rejected > 150, `accepted ${accepted}, rejected ${rejected}`);
    for (const kind of ['prim', 'symbol', 'long', 'object', 'json', 'array', 'function', 'proxy', 'revoked', 'special', 'anything', 'entry:throwing-getter', 'entry:getter', 'entry:setter-only', 'trap:ownKeys', 'trap:get', 'trap:getOwnPropertyDescriptor', 'trap:getPrototypeOf']) {
      assert.ok(kinds.has(kind), `generated ${kind}`);
    }
  });

  it('the snapshot sees a mutation through a Proxy and a change to Object.prototype (the checks can fail)', () => {
    const args = [build({ t: 'proxy', target: { t: 'object', proto: 'object', entries: [], integrity: 'none' }, throwing: ['ownKeys'], lying: 'none' })];
    const before = snapshot(args);
    (args[0] as Record<string, unknown>).name = 'mutated'; // set is forwarded to the target
    assert.ok(!sameSnapshot(snapshot(args), before));
    Object.defineProperty(Object.prototype, 'polluted', { value: true, configurable: true });
    try {
      assert.throws(() => assertBuiltinsUnchanged(), assert.AssertionError);
      Object.defineProperty(Array.prototype, 'polluted', { value: true, configurable: true });
      assert.throws(() => assertBuiltinsUnchanged(true), assert.AssertionError);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
      delete (Array.prototype as unknown as Record<string, unknown>).polluted;
    }
    assertBuiltinsUnchanged(true);
  });
});
