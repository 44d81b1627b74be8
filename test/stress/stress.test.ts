// The stress test of persistentPort() in its short form (bench/stress/driver.ts, SHORT): 3 tabs,
// default options, in real Chromium (5 worker stops, one while the worker is starting again; 3,000
// messages posted at once before a stop) and Firefox (an MV3 event page suspended while the tabs
// pause), each with a message the browser refuses mid-stream, the background closing a native port,
// the back/forward cache and the background's own stream back. Fails on any loss, repeat within a
// lifetime, reorder, uncaught error, ended port, or more repeats per stop than the docs state; the
// figures are printed. A run in which the browser kept the page out of the back/forward cache runs
// once more (runJudged). The bench runs the long form.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPEAT_BOUND } from '../../bench/stress/analyze.js';
import { runStress, SHORT, type StressOutcome } from '../../bench/stress/driver.js';
import { findBrowsers } from '../../harness/index.js';

const UMD = fileURLToPath(new URL('../../dist/webext-connect.umd.js', import.meta.url));
const found = findBrowsers();

function print(outcome: StressOutcome): void {
  const max = (list: number[]) => (list.length ? Math.max(...list) : 0);
  console.log(`        ${outcome.events.join('; ')}`);
  console.log(
    `        ${outcome.posted} posted, ${outcome.deliveries} deliveries over ${outcome.lifetimes} background lifetimes, ${outcome.stopsDone} stops; ` +
      `repeats per port at steady stops ${JSON.stringify(outcome.repeatsPerStop)}, of them delivered after the stop was asked for ${JSON.stringify(outcome.lateAtStops)} (bound ${REPEAT_BOUND} beyond those: max ${max(outcome.repeatsPerStop.map((r, i) => r - outcome.lateAtStops[i]!))}), after a backlog ${JSON.stringify(outcome.repeatsAtBacklog)}, after the tab's port had closed ${JSON.stringify(outcome.repeatsAfterClose)}; ` +
      `${outcome.replies} replies, ${outcome.repliesLostAtStops} lost with a stopped lifetime; onReconnect restarted ${outcome.restarted}, resumed ${outcome.resumed}; ` +
      `${outcome.refused} refused; postMessage returned false ${outcome.falses} times; ${(outcome.ms / 1000).toFixed(1)} s`,
  );
}

// A run in which the browser kept the page out of the back/forward cache (NOT_CACHED) proves
// nothing either way: the old page's session is gone. It runs once more.
async function runJudged(name: 'chromium' | 'firefox', executable: string): Promise<StressOutcome> {
  return runStress(name, executable, SHORT[name]).catch((error) => {
    if ((error as { code?: string }).code !== 'NOT_CACHED') throw error;
    console.log(`        ${(error as Error).message}: running again`);
    return runStress(name, executable, SHORT[name]);
  });
}

describe('persistentPort under stress in real browsers (short form of bench/stress)', function () {
  this.timeout(150_000);
  before(() => {
    if (!existsSync(UMD)) throw new Error('dist/ is missing: run `npm run build` first');
  });

  for (const name of ['chromium', 'firefox'] as const) {
    it(`${name === 'chromium' ? 'Chromium: 5 worker stops (one while it starts again), 3,000 posted at once before one' : 'Firefox MV3: the event page suspended while the tabs pause'}; 3 tabs, a refused message mid-stream, a native port closed by the background, the back/forward cache, the background's stream back: nothing lost, repeated within a lifetime or reordered, no uncaught error, no port ended`, async function () {
      const executable = found[name];
      if (!executable) return this.skip();
      const outcome = await runJudged(name, executable);
      print(outcome);
      // Targets not met yet are reported, not asserted here: they depend on the machine's load (see Analysis.unmet).
      for (const text of outcome.unmet) console.log(`        not met yet: ${text}`);
      assert.deepEqual(outcome.problems, []);
      assert.ok(outcome.refused > 0, 'refused messages were posted');
      assert.ok(outcome.resumed > 0, 'a native port closed by the background was reopened to the same lifetime');
      if (name === 'chromium') assert.equal(outcome.stopsDone, 5);
      assert.ok(outcome.lifetimes >= 2, 'the background stopped at least once');
    });
  }
});
