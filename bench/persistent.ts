// The persistent-port rows of `npm run bench`, in a table of their own (BENCHMARKS.md's region
// "bench-persistent"): 10,000 pipelined round trips through a persistentPort() next to a raw
// runtime.connect port, and the time from a background stop to a queued message's delivery to the
// restarted background, persistentPort() next to a hand-written raw reconnect.
// `npm run bench -- --persistent` runs these rows alone.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startReportServer, stopServiceWorker, suspendFirefoxBackground, type BrowserName, type ExtensionSpec, type FoundBrowsers, type Report, type ReportServer } from '../harness/index.js';
import { EXT, PAGE, pairRatios, summarizeEach, withBrowser } from './browser.js';
import { budgets } from './budgets.js';
import { browserLabel as label, browserRows, markdownTable, type RowsRun } from './report.js';
import { UMD_MIN } from './size.js';
import { cell, ratioCell, summarize, type Summary } from './stats.js';

const KINDS = ['ours', 'raw'] as const;
type Kind = (typeof KINDS)[number];

export interface PersistentBenchOptions {
  /** Messages per stream, and streams per kind (the kinds interleaved). */
  streamCount: number;
  streamReps: number;
  /** Restart pairs measured, after `warmupPairs` dropped; a pair is one trial of each kind, back to back. */
  pairs: number;
  warmupPairs: number;
  /** ms the content script waits after each trial, so the closed port's native port is gone before the next stop. */
  settleMs: number;
  /** ms a trial waits for its probe's echo before it counts the probe as lost. */
  timeoutMs: number;
}

export const DEFAULT_PERSISTENT_OPTIONS: PersistentBenchOptions = { streamCount: 10_000, streamReps: 21, pairs: 20, warmupPairs: 2, settleMs: 300, timeoutMs: 10_000 };
const QUICK: PersistentBenchOptions = { ...DEFAULT_PERSISTENT_OPTIONS, streamReps: 5, pairs: 6, warmupPairs: 1 };

export interface PersistentBenchResult {
  browser: BrowserName;
  version: string;
  /** ms for streamCount pipelined round trips. */
  stream: Record<Kind, Summary>;
  /** ms from the content side's native onDisconnect to the probe's arrival in the restarted background. */
  restart: Record<Kind, Summary>;
  /** ms from the bench's call that stops the background to the probe's arrival (Node's clock against the background's). */
  fromStop: Record<Kind, Summary>;
  /** Probes that never arrived within timeoutMs (their pairs are left out). */
  lost: Record<Kind, number>;
  /** Largest |performance.timeOrigin + now() − Date.now()| seen in a restarted background, ms: how far the two clocks disagree. */
  clockSkewMs: number;
  /** Per-pair ratios ours / raw. */
  ratios: { stream: Summary; restart: Summary };
}

function spec(browser: BrowserName, report: string, options: PersistentBenchOptions): ExtensionSpec {
  const file = (name: string) => ({ from: join(EXT, name) });
  return {
    name: 'webext-connect persistent bench',
    files: {
      'config.js': `var BENCH = ${JSON.stringify({ browser, report, persistent: options })};\n`,
      'persistent-bg.js': file('persistent-bg.js'),
      'persistent.js': file('persistent.js'),
      'stream.js': file('stream.js'),
      'webext-connect.umd.min.js': { from: UMD_MIN },
    },
    background: ['config.js', 'webext-connect.umd.min.js', 'persistent-bg.js'],
    // Firefox: an MV3 event page, which the bench suspends as its idle timeout would.
    firefoxManifestVersion: 3,
    contentScripts: [{ matches: ['http://127.0.0.1/persistent.html*'], js: ['config.js', 'webext-connect.umd.min.js', 'stream.js', 'persistent.js'] }],
    hosts: ['http://127.0.0.1/*'],
    permissions: [],
  };
}

interface Trial {
  kind: Kind;
  /** Node's clock (performance.timeOrigin + now()) just before the stop was asked for. */
  stopAt: number;
  probe: Report | undefined;
}

function persistentIn(name: BrowserName, executable: string, server: ReportServer, options: PersistentBenchOptions, log: (line: string) => void): Promise<PersistentBenchResult> {
  return withBrowser(name, executable, spec(name, `${server.origin}/report`, options), async (handle, version) => {
    log(`${version}: launched for persistent ports`);
    const id = handle.extensionIds[0]!;
    const stop = name === 'chromium' ? () => stopServiceWorker(handle, id) : () => suspendFirefoxBackground(handle, id, { wait: false });
    const mine = (from: string, trial?: number) => (r: Report) => r.browser === name && r.from === from && (trial === undefined || r.trial === trial);
    const failed = (r: Report) => mine('persistent')(r) && r.error;
    const check = () => {
      const error = server.reports.find(failed);
      if (error) throw new Error(`${name} persistent bench failed: ${error.error}`);
    };

    await handle.page.goto(`${server.origin}/persistent.html`);
    const streams = await server.waitFor((r) => mine('streams')(r) || failed(r), 300_000);
    check();
    log(`${name}: ${options.streamReps} streams per kind done`);

    const trials: Trial[] = [];
    for (let t = 0; t < 2 * (options.warmupPairs + options.pairs); t++) {
      const ready = await server.waitFor((r) => mine('ready', t)(r) || failed(r), options.timeoutMs + 30_000);
      check();
      const stopAt = performance.timeOrigin + performance.now();
      await stop();
      const probe = await server.waitFor(mine('probe', t), options.timeoutMs + 5_000).catch(() => undefined);
      trials.push({ kind: ready.kind, stopAt, probe });
    }
    const report = await server.waitFor(mine('persistent'), 60_000);
    check();
    for (const lost of server.reports.filter(mine('lost'))) log(`${name}: trial ${lost.trial} (${lost.kind}): no echo of the probe within ${options.timeoutMs} ms; stop seen: ${lost.stopSeen}; native connects since ready: ${lost.connects}; port: ${lost.state}; probe ${trials[lost.trial]?.probe ? 'arrived' : 'never arrived'}`);
    log(`${name}: ${trials.length} restart trials done`);
    return summarizeRun(name, version, streams.streams, trials.slice(2 * options.warmupPairs), report.lost);
  });
}

function summarizeRun(browser: BrowserName, version: string, streams: Record<Kind, number[]>, trials: Trial[], lost: Record<Kind, number>): PersistentBenchResult {
  const restart: Record<Kind, number[]> = { ours: [], raw: [] };
  const fromStop: Record<Kind, number[]> = { ours: [], raw: [] };
  let clockSkewMs = 0;
  for (let i = 0; i + 1 < trials.length; i += 2) {
    const pair = [trials[i]!, trials[i + 1]!];
    // A pair counts only whole: a ratio needs both of its kinds.
    if (pair.some((t) => !t.probe)) continue;
    for (const { kind, stopAt, probe } of pair) {
      restart[kind].push(probe!.received - probe!.disconnected);
      fromStop[kind].push(probe!.received - stopAt);
      clockSkewMs = Math.max(clockSkewMs, Math.abs(probe!.received - probe!.wall));
    }
  }
  return {
    browser,
    version,
    stream: summarizeEach(streams),
    restart: summarizeEach(restart),
    fromStop: summarizeEach(fromStop),
    lost,
    clockSkewMs,
    ratios: { stream: summarize(pairRatios(streams.ours, streams.raw)), restart: summarize(pairRatios(restart.ours, restart.raw)) },
  };
}

/** The persistent-port rows as a Markdown table, with its legend. */
export function persistentTable(results: PersistentBenchResult[], options: PersistentBenchOptions): string {
  const met = (ok: boolean) => (ok ? 'yes' : '**no**');
  const rows = results.flatMap((b) => [
    [
      `${label(b)}: ${options.streamCount.toLocaleString('en')} pipelined postMessage round trips (n=${b.stream.ours.n})`,
      cell(b.stream.ours),
      cell(b.stream.raw),
      ratioCell(b.ratios.stream),
      `≤ ${budgets.persistentStreamVsRaw.toFixed(2)}×`,
      met(b.ratios.stream.median <= budgets.persistentStreamVsRaw),
    ],
    [
      `${label(b)}: ${b.browser === 'chromium' ? 'service worker stopped' : 'event page suspended'}: native onDisconnect → a message posted then is delivered to the restarted background (n=${b.restart.ours.n} pairs)`,
      cell(b.restart.ours),
      cell(b.restart.raw),
      ratioCell(b.ratios.restart),
      `≤ ${budgets.persistentRestartVsRaw.toFixed(2)}×`,
      met(b.ratios.restart.median <= budgets.persistentRestartVsRaw && !b.lost.ours),
    ],
    [
      `${label(b)}: the same, from the bench's stop call (${b.browser === 'chromium' ? 'CDP Target.closeTarget' : 'terminateBackground()'}; probes lost: ours ${b.lost.ours}, raw ${b.lost.raw})`,
      cell(b.fromStop.ours),
      cell(b.fromStop.raw),
      '—',
      'report',
      '—',
    ],
  ]);
  return markdownTable(
    ['measure, ms', 'webext-connect `persistentPort()`', 'raw `runtime.connect`', 'ratio', 'target', 'met?'],
    rows,
    'Cells: median (interquartile range q1–q3) over n runs. Ratio: median of per-run ratios of back-to-back pairs ' +
      `(streams interleaved; restarts in pairs of alternating order after ${options.warmupPairs} warm-up pairs). ` +
      'Restart raw column: a raw port that reconnects at once in its onDisconnect and posts again what has had no echo.',
  );
}

/** Measures the persistent-port rows in the installed browsers, prints their table and, with `write`, puts it into BENCHMARKS.md. */
export function measurePersistentRows(run: RowsRun): Promise<void> {
  const options = run.quick ? QUICK : DEFAULT_PERSISTENT_OPTIONS;
  return browserRows('bench-persistent', run, (found) => measurePersistent(found, options, run.log), (results) => persistentTable(results, options));
}

/** Runs the persistent-port benchmarks in every browser found, one after the other; browsers are always closed. */
export async function measurePersistent(found: FoundBrowsers, options: PersistentBenchOptions, log: (line: string) => void): Promise<PersistentBenchResult[]> {
  const server = await startReportServer({ routes: { '/persistent.html': PAGE('persistent') } });
  const results: PersistentBenchResult[] = [];
  try {
    for (const name of ['chromium', 'firefox'] as const) {
      const executable = found[name];
      if (executable) results.push(await persistentIn(name, executable, server, options, log));
    }
  } finally {
    await server.close();
  }
  for (const b of results) log(`${label(b)}: clocks (timeOrigin + now() vs Date.now()) disagree by up to ${b.clockSkewMs.toFixed(1)} ms`);
  return results;
}
