#!/bin/sh
# The mocha part of `npm test`: every test against the installed browsers; then, in CI (CI set and
# not "false") or with E2E_OTHER_BROWSERS=1, the real-browser tests (test:e2e and test:stress) again
# against the other browser pair Debian carries, unpacked by scripts/older-browsers.sh. E2E_OTHER_BROWSERS=0
# turns the second run off, also in CI.
# Each run prints its own mocha summary and "N passed, N failed, N skipped" line; the last line
# printed is that form again, summed over all runs, right after one line per failed test. Exits
# non-zero when any run failed or the other pair could not be fetched.
set -u
cd "$(dirname "$0")/.."

totals=$(mktemp)
trap 'rm -f "$totals"' EXIT
export TEST_TOTALS_FILE="$totals"
status=0

# run <label> <command...>: runs one mocha run; a run that ends without the reporter's counts
# (mocha could not load a file, or crashed) is counted as one failure.
run() {
  label=$1
  shift
  before=$(wc -l <"$totals")
  TEST_RUN_LABEL=$label "$@" || status=1
  if [ "$(wc -l <"$totals")" = "$before" ]; then
    echo "run '$label' ended without a summary"
    echo "{\"run\":\"$label\",\"passes\":0,\"failures\":1,\"pending\":0}" >>"$totals"
    status=1
  fi
}

case "${E2E_OTHER_BROWSERS:-}" in
  1) other=1 ;;
  0) other=0 ;;
  *) case "${CI:-}" in '' | false | 0) other=0 ;; *) other=1 ;; esac ;;
esac

echo "== run 1: all tests, browsers from CHROME_PATH/FIREFOX_PATH or the installed ones"
run all mocha 'test/**/*.test.ts'

if [ "$other" = 1 ]; then
  echo "== run 2: the real-browser tests on the other browser pair (scripts/older-browsers.sh)"
  if paths=$(sh scripts/older-browsers.sh); then
    eval "$paths"
    export CHROME_PATH FIREFOX_PATH
    run other-pair-e2e mocha 'test/e2e/**/*.test.ts' 'test/stress/**/*.test.ts'
  else
    echo "run 2 failed: scripts/older-browsers.sh could not provide the other pair (E2E_OTHER_BROWSERS=0 skips run 2)"
    echo '{"run":"other-pair-e2e","passes":0,"failures":1,"pending":0}' >>"$totals"
    status=1
  fi
fi

node -e '
  const runs = require("node:fs").readFileSync(process.argv[1], "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  for (const r of runs) for (const f of r.failed ?? []) console.log(`failed in ${r.run}: ${f}`);
  console.log(`== all ${runs.length} run(s): ${runs.map((r) => `${r.run} ${r.passes}/${r.failures}/${r.pending}`).join(", ")} (passed/failed/skipped)`);
  console.log(`${sum("passes")} passed, ${sum("failures")} failed, ${sum("pending")} skipped`);
' "$totals" || status=1
exit $status
