// The request rows of `npm run bench`, in a table of their own (BENCHMARKS.md's region
// "bench-requests"): a port.request() round trip next to a raw runtime.sendMessage round trip with a
// reply and @webext-core/messaging's sendMessage, and 10,000 requests in flight at once.
// `npm run bench -- --requests` runs these rows alone.
import { findBrowsers } from '../harness/index.js';
import { budgets } from './budgets.js';
import { DEFAULT_REQUEST_OPTIONS, measureRequests, type RequestBenchOptions, type RequestBenchResult } from './browser.js';
import { machine, writeBenchmarks } from './report.js';
import { num, type Summary } from './stats.js';

const QUICK: RequestBenchOptions = { iterations: 30, warmup: 10, inFlightCount: 10_000, inFlightReps: 2 };

const cell = (s: Summary) => `${num(s.median)} (${num(s.q1)}–${num(s.q3)})`;
const ratioCell = (s: Summary) => `${s.median.toFixed(2)}× (${s.q1.toFixed(2)}–${s.q3.toFixed(2)})`;
const label = (b: RequestBenchResult) => (b.browser === 'chromium' ? 'Chromium' : 'Firefox');

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
  const head = ['measure, ms', 'webext-connect `port.request()`', 'raw `runtime.sendMessage`', '@webext-core/messaging `sendMessage`', 'ratio webext-connect / raw', 'ratio webext-core / raw', 'target', 'met?'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head),
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map(line),
    '',
    'Cells: median (interquartile range q1–q3) over n runs, the three kinds interleaved in a rotating order ' +
      `after ${options.warmup} warm-up rounds. Ratios: median of per-run ratios of back-to-back pairs. ` +
      'Every reply is checked against its request; a run with a wrong or missing reply fails.',
  ].join('\n');
}

/** Measures the request rows in the installed browsers, prints their table and, with `write`, puts it into BENCHMARKS.md. */
export async function measureRequestRows({ quick, noBrowsers, write, log }: { quick: boolean; noBrowsers: boolean; write: boolean; log: (line: string) => void }): Promise<void> {
  if (noBrowsers) return log('request rows skipped (--no-browsers)');
  const found = findBrowsers();
  if (found.missing) log(found.missing);
  const options = quick ? QUICK : DEFAULT_REQUEST_OPTIONS;
  log('requests…');
  const results = await measureRequests({ chromium: found.chromium, firefox: found.firefox }, options, log);
  const output = `${requestTable(results, options)}\n\n${machine(results.map((b) => b.version), quick)}`;
  console.log(`\n${output}\n`);
  if (write) {
    writeBenchmarks('bench-requests', output);
    log('BENCHMARKS.md updated (requests)');
  }
}
