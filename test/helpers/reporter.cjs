// mocha's spec reporter plus one closing line in the plain "N passed, N failed" form CI reads.
// With TEST_TOTALS_FILE set, it also appends this run's counts there as one JSON line, so
// scripts/run-tests.sh can close several runs with one line that covers them all.
const { appendFileSync } = require('node:fs');
const { Spec } = require('mocha').reporters;

class SpecWithTotals extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      console.log(`${passes} passed, ${failures} failed, ${pending} skipped`);
      const file = process.env.TEST_TOTALS_FILE;
      if (file) appendFileSync(file, JSON.stringify({ run: process.env.TEST_RUN_LABEL ?? '', passes, failures, pending }) + '\n');
    });
  }
}

module.exports = SpecWithTotals;
