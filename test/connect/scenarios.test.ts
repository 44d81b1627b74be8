// The shared scenario list (test/scenarios/scenarios.ts) against the Chromium- and Firefox-style
// fakes: the same run() and expect() as the real-browser suite in test/e2e/scenarios.test.ts.
import assert from 'node:assert/strict';
import { fakeCtx, runAgainstFakes, type FakeWorldKind } from '../scenarios/fake-world.js';
import { SCENARIOS, type Outcome } from '../scenarios/scenarios.js';

for (const kind of ['chromium', 'firefox'] as const satisfies readonly FakeWorldKind[]) {
  describe(`scenarios against the ${kind}-style fakes`, () => {
    let byName: Map<string, Outcome>;
    before(async () => {
      byName = new Map(Object.values(await runAgainstFakes(kind)).flat().map((o) => [o.name, o]));
    });

    it('every scenario produced a result', () => {
      assert.deepEqual(SCENARIOS.filter((s) => !byName.get(s.name) || 'error' in byName.get(s.name)!).map((s) => [s.name, byName.get(s.name)?.error]), []);
    });

    for (const scenario of SCENARIOS) {
      it(`[${scenario.where}] ${scenario.name}`, () => {
        const outcome = byName.get(scenario.name);
        assert.ok(outcome && !('error' in outcome), `no result: ${outcome?.error}`);
        scenario.expect(outcome.result, fakeCtx(kind));
      });
    }
  });
}
