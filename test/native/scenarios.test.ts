// The shared scenario list (test/scenarios/scenarios.ts) against the Chromium- and Firefox-style
// fakes: the same run() and expect() as the real-browser suite in test/e2e/scenarios.test.ts.
import assert from 'node:assert/strict';
import { fakeCtx, runAgainstFakes, type Asked, type FakeWorldKind } from '../scenarios/fake-world.js';
import { SCENARIOS, type Outcome } from '../scenarios/scenarios.js';

// The third world is Chromium whose main extension's manifest asks for structured clone.
const WORLDS: readonly [FakeWorldKind, Asked][] = [['chromium', undefined], ['firefox', undefined], ['chromium', 'structured_clone']];

for (const [kind, asked] of WORLDS) {
  describe(`scenarios against the ${kind}-style fakes${asked ? `, main extension asking for ${asked}` : ''}`, () => {
    let byName: Map<string, Outcome>;
    before(async () => {
      byName = new Map(Object.values(await runAgainstFakes(kind, asked)).flat().map((o) => [o.name, o]));
    });

    it('every scenario produced a result', () => {
      assert.deepEqual(SCENARIOS.filter((s) => !byName.get(s.name) || 'error' in byName.get(s.name)!).map((s) => [s.name, byName.get(s.name)?.error]), []);
    });

    for (const scenario of SCENARIOS) {
      it(`[${scenario.where}] ${scenario.name}`, () => {
        const outcome = byName.get(scenario.name);
        assert.ok(outcome && !('error' in outcome), `no result: ${outcome?.error}`);
        scenario.expect(outcome.result, fakeCtx(kind, asked));
      });
    }
  });
}
