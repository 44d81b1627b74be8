// mocha's spec reporter plus one closing line in the plain "N passed, N failed" form CI reads.
// With TEST_TOTALS_FILE set, it also appends this run's counts there as one JSON line, with the
// titles of the failed tests and the start of their errors, so scripts/run-tests.sh can close several
// runs with one recap that names every failure right above the last line (CI keeps only the tail).
const { appendFileSync } = require('node:fs');
const { Spec } = require('mocha').reporters;

class SpecWithTotals extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const failed = [];
    runner.on('fail', (test, err) => {
      const lines = String((err && err.message) || err).split('\n').filter((line) => line.trim());
      failed.push(`${test.fullTitle()}: ${lines.slice(0, 4).join(' | ').slice(0, 400)}`);
    });
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
      const file = process.env.TEST_TOTALS_FILE;
      const run = process.env.TEST_RUN_LABEL ?? '';
      if (file) appendFileSync(file, JSON.stringify({ run, passes, failures, pending, failed }) + '\n');
    });
  }
}

module.exports = SpecWithTotals;
