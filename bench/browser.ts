// Real-browser measurements with the e2e harness: content-script start-up (the UMD min file vs
// browser-polyfill.min.js vs an empty file) and connect() round trips / message streams
// (webext-connect vs raw runtime.connect vs the polyfill's browser.runtime.connect); and requests
// (port.request() vs a raw runtime.sendMessage with a reply vs @webext-core/messaging's sendMessage),
// in an extension of their own so the connect rows' background has no onRequest() listener.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  browserVersion,
  buildExtension,
  launchChromium,
  launchFirefox,
  startReportServer,
  type BrowserHandle,
  type BrowserName,
  type ExtensionSpec,
  type Report,
  type ReportServer,
} from '../harness/index.js';
import { bundle, POLYFILL_MIN, UMD_MIN } from './size.js';
import { summarize, type Summary } from './stats.js';

/** The folder of the bench's extension files. */
export const EXT = fileURLToPath(new URL('./extension/', import.meta.url));
export const STARTUP_KINDS = ['ours', 'core', 'polyfill', 'empty'] as const;
type StartupKind = (typeof STARTUP_KINDS)[number];
const LIB: Record<StartupKind, string> = { ours: 'webext-connect.umd.min.js', core: 'webext-connect-core.min.js', polyfill: 'browser-polyfill.min.js', empty: 'empty.js' };
type PortKind = 'raw' | 'ours' | 'polyfill';

export interface BrowserBenchOptions {
  /** Page loads per start-up kind. */
  startupLoads: number;
  /** connect() + first round trip iterations per port kind (after `warmup`). */
  iterations: number;
  warmup: number;
  /** Messages per stream and streams per port kind. */
  streamCount: number;
  streamReps: number;
}

export const DEFAULT_BROWSER_OPTIONS: BrowserBenchOptions = { startupLoads: 40, iterations: 400, warmup: 20, streamCount: 10_000, streamReps: 31 };

export interface BrowserBenchResult {
  browser: BrowserName;
  /** e.g. "Chromium 156.0.8078.79". */
  version: string;
  crossOriginIsolated: boolean;
  /** ms to evaluate each file in a content script, one sample per page load. */
  startup: Record<StartupKind, Summary>;
  /** ms, connect() + first round trip. */
  roundTrip: Record<PortKind, Summary>;
  /** ms spent inside the connect call itself (synchronous part), same iterations. */
  call: Record<PortKind, Summary>;
  /** ms for streamCount pipelined postMessage round trips. */
  stream: Record<PortKind, Summary>;
  /** Per-iteration ratios ours / polyfill (start-up) and ours / raw (ports); pairs measured back to back. */
  ratios: { startup: Summary; coreStartup: Summary; roundTrip: Summary; call: Summary; stream: Summary };
}

function spec(browser: BrowserName, report: string, core: string, options: BrowserBenchOptions): ExtensionSpec {
  const config = `var BENCH = ${JSON.stringify({ browser, report, connect: options })};\n`;
  const file = (name: string) => ({ from: join(EXT, name) });
  return {
    name: 'webext-connect bench',
    files: {
      'config.js': config,
      'bg.js': file('bg.js'),
      't0.js': file('t0.js'),
      't1.js': file('t1.js'),
      'empty.js': file('empty.js'),
      'startup-report.js': file('startup-report.js'),
      'connect.js': file('connect.js'),
      'stream.js': file('stream.js'),
      'webext-connect.umd.min.js': { from: UMD_MIN },
      'webext-connect-core.min.js': core,
      'browser-polyfill.min.js': { from: POLYFILL_MIN },
    },
    background: ['bg.js'],
    contentScripts: [
      ...STARTUP_KINDS.map((kind) => ({
        matches: [`http://127.0.0.1/startup-${kind}.html*`],
        js: ['config.js', 't0.js', LIB[kind], 't1.js', 'startup-report.js'],
      })),
      { matches: ['http://127.0.0.1/connect.html*'], js: ['config.js', 'browser-polyfill.min.js', 'webext-connect.umd.min.js', 'stream.js', 'connect.js'] },
    ],
    hosts: ['http://127.0.0.1/*'],
  };
}

/** A page route; cross-origin isolated, so it gets a fine performance.now() (5 µs in Chromium instead of 100 µs). */
export const PAGE = (title: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
  res.end(`<!doctype html><meta charset="utf-8"><title>${title}</title><p>${title}</p>`);
};

// Firefox rounds performance.now() to 1 ms by default (20 µs when cross-origin isolated, and
// 20 µs unconditionally unless the .unconditional pref is off too).
const FINE_TIMERS = { 'privacy.reduceTimerPrecision': false, 'privacy.reduceTimerPrecision.unconditional': false };

/** summarize() of each list. */
export const summarizeEach = <K extends string>(o: Record<K, number[]>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, summarize(v as number[])])) as Record<K, Summary>;

/** Ratios of back-to-back pairs: a[i] / b[i], leaving out pairs whose b read 0 on the clock. */
export const pairRatios = (a: number[], b: number[]) => a.flatMap((x, i) => (b[i]! > 0 ? [x / b[i]!] : []));

/** Builds `extension` in a temp folder, launches the browser with it and fine timers, runs `measure`; always closes the browser and removes the folder. */
export async function withBrowser<T>(name: BrowserName, executable: string, extension: ExtensionSpec, measure: (handle: BrowserHandle, version: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), `webext-connect-bench-${name}-`));
  let handle: BrowserHandle | undefined;
  try {
    const ext = await buildExtension(extension, name, join(dir, 'ext'));
    const launch = name === 'chromium' ? launchChromium : launchFirefox;
    handle = await launch({ executable, extensions: [ext.dir], prefs: FINE_TIMERS });
    return await measure(handle, (await browserVersion(executable)).line);
  } finally {
    await handle?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function runIn(name: BrowserName, executable: string, server: ReportServer, core: string, options: BrowserBenchOptions, log: (line: string) => void): Promise<BrowserBenchResult> {
  return withBrowser(name, executable, spec(name, `${server.origin}/report`, core, options), async (handle, version) => {
    log(`${version}: launched`);
    const page = handle.page;
    const mine = (from: string, url?: string) => (r: Report) => r.browser === name && r.from === from && (url === undefined || r.url === url);

    // Start-up: one page load per sample, the kinds rotating.
    const startup: Record<StartupKind, number[]> = { ours: [], core: [], polyfill: [], empty: [] };
    let isolated = true;
    for (let i = 0; i < options.startupLoads; i++) {
      for (let k = 0; k < STARTUP_KINDS.length; k++) {
        const kind = STARTUP_KINDS[(i + k) % STARTUP_KINDS.length]!;
        const url = `/startup-${kind}.html?i=${i}`;
        const waiting = server.waitFor(mine('startup', url), 15_000);
        await page.goto(`${server.origin}${url}`);
        const report = await waiting;
        startup[kind].push(report.ms);
        isolated &&= report.isolated;
      }
    }
    log(`${name}: ${options.startupLoads} page loads per start-up kind done`);

    const waiting = server.waitFor(mine('connect'), 300_000);
    await page.goto(`${server.origin}/connect.html`);
    const report = await waiting;
    if (report.error) throw new Error(`${name} connect bench failed: ${report.error}`);
    log(`${name}: connect round trips and streams done`);

    const roundTrip = report.roundTrip as Record<PortKind, number[]>;
    const call = report.call as Record<PortKind, number[]>;
    const stream = report.streams as Record<PortKind, number[]>;
    return {
      browser: name,
      version,
      crossOriginIsolated: isolated && report.isolated,
      startup: summarizeEach(startup),
      roundTrip: summarizeEach(roundTrip),
      call: summarizeEach(call),
      stream: summarizeEach(stream),
      ratios: {
        startup: summarize(pairRatios(startup.ours, startup.polyfill)),
        coreStartup: summarize(pairRatios(startup.core, startup.polyfill)),
        roundTrip: summarize(pairRatios(roundTrip.ours, roundTrip.raw)),
        call: summarize(pairRatios(call.ours, call.raw)),
        stream: summarize(pairRatios(stream.ours, stream.raw)),
      },
    };
  });
}

export const REQUEST_KINDS = ['ours', 'raw', 'webextCore'] as const;
type RequestKind = (typeof REQUEST_KINDS)[number];

export interface RequestBenchOptions {
  /** Round trips per request kind (after `warmup`), the kinds interleaved. */
  iterations: number;
  warmup: number;
  /** Requests sent at once, and how many times per kind. */
  inFlightCount: number;
  inFlightReps: number;
}

export const DEFAULT_REQUEST_OPTIONS: RequestBenchOptions = { iterations: 200, warmup: 20, inFlightCount: 10_000, inFlightReps: 5 };

export interface RequestBenchResult {
  browser: BrowserName;
  version: string;
  crossOriginIsolated: boolean;
  /** ms from the call to the reply. */
  roundTrip: Record<RequestKind, Summary>;
  /** ms from the first of inFlightCount requests sent at once to the last reply. */
  inFlight: Record<RequestKind, Summary>;
  /** Per-iteration ratios ours / raw and webextCore / raw, the pairs measured back to back. */
  ratios: { roundTrip: Summary; webextCoreRoundTrip: Summary; inFlight: Summary };
}

/** @webext-core/messaging bundled by rollup as a classic script defining the global `webextCoreMessaging`. */
export const webextCoreScript = () =>
  bundle(`import { defineExtensionMessaging } from '@webext-core/messaging';\nglobalThis.webextCoreMessaging = { defineExtensionMessaging };\n`);

function requestSpec(browser: BrowserName, report: string, webextCore: string, options: RequestBenchOptions): ExtensionSpec {
  const libraries = ['webext-connect.umd.min.js', 'webext-core-messaging.js'];
  return {
    name: 'webext-connect request bench',
    files: {
      'config.js': `var BENCH = ${JSON.stringify({ browser, report, requests: options })};\n`,
      'requests-bg.js': { from: join(EXT, 'requests-bg.js') },
      'requests.js': { from: join(EXT, 'requests.js') },
      'stream.js': { from: join(EXT, 'stream.js') },
      'webext-connect.umd.min.js': { from: UMD_MIN },
      'webext-core-messaging.js': webextCore,
    },
    background: [...libraries, 'requests-bg.js'],
    contentScripts: [{ matches: ['http://127.0.0.1/requests.html*'], js: ['config.js', ...libraries, 'stream.js', 'requests.js'] }],
    hosts: ['http://127.0.0.1/*'],
  };
}

function requestsIn(name: BrowserName, executable: string, server: ReportServer, webextCore: string, options: RequestBenchOptions, log: (line: string) => void): Promise<RequestBenchResult> {
  return withBrowser(name, executable, requestSpec(name, `${server.origin}/report`, webextCore, options), async (handle, version) => {
    log(`${version}: launched for requests`);
    const waiting = server.waitFor((r: Report) => r.browser === name && r.from === 'requests', 600_000);
    await handle.page.goto(`${server.origin}/requests.html`);
    const report = await waiting;
    if (report.error) throw new Error(`${name} request bench failed: ${report.error}`);
    log(`${name}: request round trips and ${options.inFlightCount} in flight done`);
    const roundTrip = report.roundTrips as Record<RequestKind, number[]>;
    const inFlight = report.inFlight as Record<RequestKind, number[]>;
    return {
      browser: name,
      version,
      crossOriginIsolated: report.isolated,
      roundTrip: summarizeEach(roundTrip),
      inFlight: summarizeEach(inFlight),
      ratios: {
        roundTrip: summarize(pairRatios(roundTrip.ours, roundTrip.raw)),
        webextCoreRoundTrip: summarize(pairRatios(roundTrip.webextCore, roundTrip.raw)),
        inFlight: summarize(pairRatios(inFlight.ours, inFlight.raw)),
      },
    };
  });
}

/** Runs the request benchmarks in every browser given, one after the other; browsers are always closed. */
export async function measureRequests(
  executables: Partial<Record<BrowserName, string>>,
  options: RequestBenchOptions = DEFAULT_REQUEST_OPTIONS,
  log: (line: string) => void = () => {},
): Promise<RequestBenchResult[]> {
  const webextCore = await webextCoreScript();
  const server = await startReportServer({ routes: { '/requests.html': PAGE('requests') } });
  try {
    const results: RequestBenchResult[] = [];
    for (const name of ['chromium', 'firefox'] as const) {
      const executable = executables[name];
      if (executable) results.push(await requestsIn(name, executable, server, webextCore, options, log));
    }
    return results;
  } finally {
    await server.close();
  }
}

/** Runs the real-browser benchmarks in every browser given, one after the other; browsers are always closed. */
export async function measureBrowsers(
  executables: Partial<Record<BrowserName, string>>,
  /** The core as one classic script (bench/size.ts, coreScript()). */
  core: string,
  options: BrowserBenchOptions = DEFAULT_BROWSER_OPTIONS,
  log: (line: string) => void = () => {},
): Promise<BrowserBenchResult[]> {
  const server = await startReportServer({
    routes: {
      ...Object.fromEntries(STARTUP_KINDS.map((kind) => [`/startup-${kind}.html`, PAGE(kind)])),
      '/connect.html': PAGE('connect'),
    },
  });
  try {
    const results: BrowserBenchResult[] = [];
    for (const name of ['chromium', 'firefox'] as const) {
      const executable = executables[name];
      if (executable) results.push(await runIn(name, executable, server, core, options, log));
    }
    return results;
  } finally {
    await server.close();
  }
}
