// The request rows of `npm run bench`, in a table of their own (BENCHMARKS.md's region
// "bench-requests"): a port.request() round trip next to a raw runtime.sendMessage round trip with a
// reply and @webext-core/messaging's sendMessage, and 10,000 requests in flight at once.
// `npm run bench -- --requests` runs these rows alone.
import { budgets } from './budgets.js';
import { DEFAULT_REQUEST_OPTIONS, measureRequests, type RequestBenchOptions, type RequestBenchResult } from './browser.js';
import { browserLabel as label, browserRows, markdownTable, type RowsRun } from './report.js';
import { cell, ratioCell } from './stats.js';

const QUICK: RequestBenchOptions = { iterations: 30, warmup: 10, inFlightCount: 10_000, inFlightReps: 2 };


/** The request rows as a Markdown table, with its legend. */
export function requestTable(results: RequestBenchResult[], options: RequestBenchOptions): string {
  const target = budgets.requestRoundTripVsSendMessage;
  const rows = results.flatMap((b) => [
    [
      `${label(b)}: one request and its reply (n=${b.roundTrip.ours.n})`,
      cell(b.roundTrip.ours),
      cell(b.roundTrip.raw),
      cell(b.roundTrip.webextCore),
      ratioCell(b.ratios.roundTrip),
      ratioCell(b.ratios.webextCoreRoundTrip),
      `≤ ${target.toFixed(2)}×`,
      b.ratios.roundTrip.median <= target ? 'yes' : '**no**',
    ],
    [
      `${label(b)}: ${options.inFlightCount.toLocaleString('en')} requests sent at once, to the last reply (n=${b.inFlight.ours.n})`,
      cell(b.inFlight.ours),
      cell(b.inFlight.raw),
      cell(b.inFlight.webextCore),
      ratioCell(b.ratios.inFlight),
      '—',
      'all complete; report the time',
      // A run fails on any wrong or missing reply, so each finished repetition had every reply.
      b.inFlight.ours.n === options.inFlightReps ? 'yes' : '**no**',
    ],
  ]);
  return markdownTable(
    ['measure, ms', 'webext-connect `port.request()`', 'raw `runtime.sendMessage`', '@webext-core/messaging `sendMessage`', 'ratio webext-connect / raw', 'ratio webext-core / raw', 'target', 'met?'],
    rows,
    'Cells: median (interquartile range q1–q3) over n runs, the three kinds interleaved in a rotating order ' +
      `after ${options.warmup} warm-up rounds. Ratios: median of per-run ratios of back-to-back pairs. ` +
      'Every reply is checked against its request; a run with a wrong or missing reply fails.',
  );
}

/** Measures the request rows in the installed browsers, prints their table and, with `write`, puts it into BENCHMARKS.md. */
export function measureRequestRows(run: RowsRun): Promise<void> {
  const options = run.quick ? QUICK : DEFAULT_REQUEST_OPTIONS;
  return browserRows('bench-requests', run, (found) => measureRequests({ chromium: found.chromium, firefox: found.firefox }, options, run.log), (results) => requestTable(results, options));
}
