// `npm run bench:stress`: the long form of the stress test (driver.ts, LONG: 5,000 messages/s from 3
// tabs) in every browser found (or only `--browser chromium|firefox`), `--runs N` times each
// (default 3); prints each run's figures and exits non-zero on any problem. `--short` runs the e2e
// test's plan instead. WXS_DEBUG=<file> keeps the last run's raw log and tab reports there.
import { findBrowsers } from '../../harness/index.js';
import { LONG, runStress, SHORT } from './driver.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const plans = args.includes('--short') ? SHORT : LONG;
const only = args.includes('--browser') ? args[args.indexOf('--browser') + 1] : undefined;
const found = findBrowsers();
let failed = 0;
for (const name of ['chromium', 'firefox'] as const) {
  if (only && only !== name) continue;
  const executable = found[name];
  if (!executable) {
    console.log(`${name}: not found (${found.missing})`);
    continue;
  }
  for (let run = 1; run <= runs; run++) {
    const { problems, unmet, events, ...figures } = await runStress(name, executable, plans[name], (line) => process.stderr.write(`  ${line}\n`));
    console.log(`${name} run ${run}: ${JSON.stringify(figures)}`);
    for (const problem of problems) console.log(`  PROBLEM ${problem}`);
    for (const text of unmet) console.log(`  NOT MET ${text}`);
    if (problems.length || unmet.length) failed++;
  }
}
process.exitCode = failed ? 1 : 0;
