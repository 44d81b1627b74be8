// `npm run bench:stress`: the long form of the stress test (driver.ts, LONG: 5,000 messages/s from 3
// tabs) in every browser found (or only `--browser chromium|firefox`), `--runs N` times each
// (default 3); prints each run's figures and exits non-zero on any problem. `--short` runs the e2e
// test's plan instead. WXS_DEBUG=<file> keeps the last run's raw log and tab reports there.
import { LONG, runStress, SHORT } from './driver.js';
import { forEachRun } from './runs.js';

const args = process.argv.slice(2);
const plans = args.includes('--short') ? SHORT : LONG;
let failed = 0;
await forEachRun(args, 3, async (name, executable, run) => {
  const { problems, unmet, events, ...figures } = await runStress(name, executable, plans[name], (line) => process.stderr.write(`  ${line}\n`));
  console.log(`${name} run ${run}: ${JSON.stringify(figures)}`);
  for (const problem of problems) console.log(`  PROBLEM ${problem}`);
  for (const text of unmet) console.log(`  NOT MET ${text}`);
  if (problems.length || unmet.length) failed++;
});
process.exitCode = failed ? 1 : 0;
