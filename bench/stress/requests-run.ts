// `npm run bench:requests-stress`: the long form of the request stress test (requests.ts,
// REQUEST_LONG: 2,100 requests from 3 tabs per browser; Chromium's worker stopped 3 times, Firefox's
// event page suspended 3 times mid-stream and twice by its idle timeout) in every browser found (or
// only `--browser chromium|firefox`), `--runs N` times each (default 2). Prints each run's events,
// violations and one table; exits non-zero on any violation. `--short` runs the e2e test's plans;
// `--write` puts the long form's table into BENCHMARKS.md (region bench-requests-stress).
// REQUEST_STRESS_DEBUG=<file> keeps the last run's tab reports there.
import { browserVersion, findBrowsers } from '../../harness/index.js';
import { machine, writeBenchmarks } from '../report.js';
import { REQUEST_LONG, REQUEST_SHORT, requestStressTable, runRequestStress, type RequestStressOutcome } from './requests.js';
import { forEachRun } from './runs.js';

const args = process.argv.slice(2);
const plans = args.includes('--short') ? REQUEST_SHORT : REQUEST_LONG;
const outcomes: RequestStressOutcome[] = [];
await forEachRun(args, 2, async (name, executable, run) => {
  const outcome = await runRequestStress(name, executable, plans[name], (line) => process.stderr.write(`  ${line}\n`));
  outcomes.push(outcome);
  console.log(`${name} run ${run} (${(outcome.ms / 1000).toFixed(1)} s): ${outcome.events.join('; ')}`);
  for (const violation of outcome.violations) console.log(`  VIOLATION ${violation}`);
});
const found = findBrowsers();
const versions = await Promise.all([...new Set(outcomes.map((o) => o.browser))].map(async (name) => (await browserVersion(found[name]!)).line));
const output = `${requestStressTable(outcomes)}\n\n${machine(versions, false)}`;
console.log(`\n${output}`);
if (args.includes('--write') && !args.includes('--short') && outcomes.length) writeBenchmarks('bench-requests-stress', output);
process.exitCode = outcomes.some((o) => o.violations.length) ? 1 : 0;
