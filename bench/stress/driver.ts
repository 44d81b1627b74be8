// The stress test of persistentPort() in real browsers, shared by the e2e test (a short plan, part of
// `npm test`) and the bench (a long plan): 3 tabs stream to one background through persistentPort()
// with default options while the driver stops Chromium's service worker (CDP ServiceWorker.stopWorker
// from a control tab; once again while the restart is under way), lets Firefox's MV3 event page
// suspend (a short extensions.background.idle.timeout and pauses in the stream), asks the background
// to close a tab's native port, sends a tab into the back/forward cache and back, and has one tab
// post 3,000 messages at once just before a stop. analyze.ts judges the logs.
//
// Browsers and the loopback server come from harness/, which the tests use too.
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'puppeteer-core';
import { buildExtension, idleTimeoutPrefs, launchChromium, launchFirefox, startReportServer, type BrowserHandle, type BrowserName, type Report, type ReportServer } from '../../harness/index.js';
import { analyze, parseLog, type Analysis, type TabReport } from './analyze.js';

const EXT = fileURLToPath(new URL('./extension/', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const PAGE = '<!doctype html><meta charset="utf-8"><title>stress</title><p>stress</p>';

/** What one run does. Progress points are fractions of the stream (tabs × count messages, and the burst's, delivered once each). */
export interface StressPlan {
  tabs: number;
  /** Messages per tab, and per second per tab. */
  count: number;
  rate: number;
  /** A message the browser refuses after every this many. */
  badEvery: number;
  /** The background answers every this many messages. */
  replyEvery: number;
  /** Chromium: worker stops at these points; the one at `stopAgain` is followed by another as soon as the worker is starting again. */
  stops: number[];
  stopAgain?: number;
  /** Chromium: tab 0 posts `burst.count` at once at this point, and the next stop follows at once. */
  burst?: { at: number; count: number };
  /** The background closes tab 1's native port at this point. */
  cut?: number;
  /** Tab 2 goes into the back/forward cache and back at this point. */
  bfcache?: number;
  /** Firefox: every tab pauses by itself at these points of its own stream until the event page suspended (its idle timeout `idleMs` ran out), `pauseMs` at most. */
  pauses: number[];
  pauseMs: number;
  idleMs: number;
  /** How long the driver waits at the end for every tab's acknowledgements before asking for their reports. */
  settleMs: number;
}

/** What runStress() returns: the verdict, the plan's events as they happened, and the wall time. */
export interface StressOutcome extends Analysis {
  browser: BrowserName;
  stopsDone: number;
  /** The worker's own uncaught errors while a stop cut its start short (Chromium: importScripts failed), reported apart. */
  cutStarts: number;
  events: string[];
  ms: number;
}

/** The short plans: part of `npm test`, well under 60 s per browser pair on a loaded 2-core machine. */
export const SHORT: Record<BrowserName, StressPlan> = {
  chromium: { tabs: 3, count: 3334, rate: 400, badEvery: 500, replyEvery: 4, stops: [0.12, 0.3, 0.45, 0.65], stopAgain: 0.45, burst: { at: 0.3, count: 3000 }, cut: 0.2, bfcache: 0.55, pauses: [], pauseMs: 0, idleMs: 0, settleMs: 60_000 },
  firefox: { tabs: 3, count: 1500, rate: 800, badEvery: 250, replyEvery: 4, stops: [], cut: 0.1, bfcache: 0.55, pauses: [0.4, 0.75], pauseMs: 10_000, idleMs: 500, settleMs: 60_000 },
};

/** The long plans, for the bench: 5,000 messages/s from 3 tabs. */
export const LONG: Record<BrowserName, StressPlan> = {
  chromium: { ...SHORT.chromium, count: 10_000, rate: 1667, badEvery: 1000 },
  firefox: { ...SHORT.firefox, count: 6000, rate: 1667, badEvery: 1000, pauses: [0.2, 0.4, 0.6, 0.8] },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `plan` in one browser and judges it; the browser is always closed. */
export async function runStress(name: BrowserName, executable: string, plan: StressPlan, log: (line: string) => void = () => {}): Promise<StressOutcome> {
  const begun = Date.now();
  const run = Math.random().toString(36).slice(2, 8);
  const server = await startReportServer();
  // Not no-store (the harness's default), which would keep the pages out of the back/forward cache.
  const page = (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).end(PAGE);
  server.route('/stress.html', page);
  server.route('/elsewhere.html', page);
  const dir = await mkdtemp(join(tmpdir(), `webext-connect-stress-${name}-`));
  const events: string[] = [];
  const note = (event: string) => {
    events.push(`${event} @${((Date.now() - begun) / 1000).toFixed(1)}s`);
    log(`${name}: ${event}`);
  };
  let handle: BrowserHandle | undefined;
  // The browser's stdout and stderr: the background's log lines among them.
  let output = '';
  try {
    const chromium = name === 'chromium';
    const ext = await buildExtension(
      {
        name: 'Stress',
        files: {
          'webext-connect.umd.js': { from: join(DIST, 'webext-connect.umd.js') },
          'config.js': `globalThis.WXS = ${JSON.stringify({ origin: server.origin, browser: name, run, ...plan })};\nglobalThis.WXS_BG = { replyEvery: ${plan.replyEvery} };\n`,
          'content.js': { from: join(EXT, 'content.js') },
          'background.js': { from: join(EXT, 'background.js') },
        },
        background: ['webext-connect.umd.js', 'config.js', 'background.js'],
        firefoxManifestVersion: 3,
        contentScripts: [{ matches: ['http://127.0.0.1/stress.html'], js: ['webext-connect.umd.js', 'config.js', 'content.js'] }],
        hosts: ['http://127.0.0.1/*'],
      },
      name,
      join(dir, 'ext'),
    );
    // Three tabs stream at once, but only one is in front: Chromium's throttling of timers in
    // background tabs is turned off; Firefox's runs them once a second (the tab catches up then).
    handle = chromium
      ? await launchChromium({ executable, extensions: [ext.dir], args: ['--enable-logging=stderr', '--v=0', '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'] })
      : await launchFirefox({
          executable,
          extensions: [ext.dir],
          prefs: { ...idleTimeoutPrefs(plan.idleMs || 30_000), 'browser.dom.window.dump.enabled': true },
        });
    const id = handle.extensionIds[0]!;
    // Delivery lines, repeats included, and the distinct messages delivered (the sum over the tabs of
    // their newest number + 1): the plan's points are fractions of the distinct ones, which only the
    // stream moves on (resends after a stop and the burst moved the line count past the points while
    // the tabs were near their end, and a later stop then waited for deliveries that never came).
    let progress = 0;
    let distinct = 0;
    const newest = new Map<string, number>();
    let startsAfterStop = 0;
    // When the background's `suspend` lines arrived.
    const suspends: number[] = [];
    const child = handle.browser.process()!;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        output += chunk;
        for (const [, tab = '', number = ''] of chunk.matchAll(/wxs \w+ m (\w+) (\d+)/g)) {
          progress++;
          const n = Number(number);
          const before = newest.get(tab) ?? -1;
          if (n > before) {
            distinct += n - before;
            newest.set(tab, n);
          }
        }
        for (let i = chunk.split(' suspend\n').length - 1; i > 0; i--) suspends.push(Date.now());
        for (const [, life] of chunk.matchAll(/wxs (\w+) start/g)) {
          startsAfterStop++;
          note(`lifetime ${life} started, ${progress} lines in`);
        }
      });
    }
    note(`launched ${handle.version}`);

    const workers = chromium ? await watchWorkers(handle, server, id) : undefined;
    const mine = (from: string) => (r: Report) => r.run === run && r.from === from;
    const pages: Page[] = [handle.page];
    while (pages.length < plan.tabs) pages.push(await handle.browser.newPage());
    await Promise.all(pages.map((p) => p.goto(`${server.origin}/stress.html`)));
    await waitUntil(() => server.reports.filter(mine('ready')).length >= plan.tabs, 30_000, 'every tab ready');
    note(`${plan.tabs} tabs streaming`);

    const total = plan.tabs * plan.count + (plan.burst?.count ?? 0);
    const at = (fraction: number) => waitUntil(() => distinct >= fraction * total, 60_000, `${Math.round(fraction * 100)}% of the stream`);
    const command = (tab: number, data: object) => pages[tab]!.evaluate(`window.postMessage(${JSON.stringify(data)}, '*')`);
    let stopsDone = 0;
    const stopTimes: number[] = [];
    const stop = async (why: string, starting = false) => {
      // A stop stops a lifetime that delivered something (but the one while a restart is under way).
      const from = distinct;
      if (stopsDone && !starting) await waitUntil(() => startsAfterStop > 0 && distinct > from + 100, 60_000, 'a new lifetime delivering');
      startsAfterStop = 0;
      stopTimes.push(Date.now());
      await workers!.stop();
      stopsDone++;
      note(`worker stopped (${why})`);
    };
    // The plan's events in stream order.
    const steps: Array<[number, () => Promise<void>]> = [];
    if (plan.cut !== undefined) steps.push([plan.cut, async () => {
      // Again while the background had no native port of the tab to close (Firefox suspended it).
      const cuts = () => server.reports.filter(mine('cut'));
      for (let attempt = 1; attempt <= 5; attempt++) {
        const before = cuts().length;
        await command(1 % plan.tabs, { wxs: 'cut' });
        await waitUntil(() => cuts().length > before, 15_000, 'the cut\'s answer');
        if (cuts().at(-1)!.closed) return note(`the background closes a tab's native port (attempt ${attempt})`);
        await sleep(200);
      }
      note('the background had no native port of the tab to close, 5 times');
    }]);
    if (plan.bfcache !== undefined) steps.push([plan.bfcache, async () => {
      const tab = pages[2 % plan.tabs]!;
      const shown = server.reports.filter(mine('pageshow')).length;
      // Firefox keeps a page with a request in flight out of the cache (its SHIPBFCache log said
      // so), also one that ended a few milliseconds before the navigation: the tab holds its reports
      // from now until it is shown again (content.js), and none was in flight for 300 ms.
      await tab.evaluate('document.documentElement.dataset.wxsHold = "1"');
      const reports = () => tab.evaluate('document.documentElement.dataset.wxsReports') as Promise<string>;
      for (let tries = 0, before = await reports(); tries < 50; tries++) {
        await sleep(300);
        const now = await reports();
        if (now === before && now.startsWith('0 ')) break;
        before = now;
      }
      await tab.goto(`${server.origin}/elsewhere.html`);
      // Firefox loaded the page afresh in 3 of 8 runs when the back navigation followed the load at once.
      await sleep(500);
      const readies = server.reports.filter(mine('ready')).length;
      await tab.evaluate('history.back()');
      const back = () => server.reports.filter(mine('pageshow')).length > shown;
      const afresh = () => server.reports.filter(mine('ready')).length > readies;
      await waitUntil(() => back() || afresh(), 15_000, 'the page back from the back/forward cache');
      // The cache is the browser's to refuse (CI once saw Firefox 153 load the page again with nothing
      // in flight): the old page's session is gone, so this run can no longer be judged.
      if (afresh()) throw new NotCachedError(`${name} loaded the page afresh instead of from the back/forward cache`);
      note('a tab went into the back/forward cache and came back');
    }]);
    if (!chromium) for (const [index, point] of plan.pauses.entries()) steps.push([point, async () => {
      // Each tab pauses by itself at the point (content.js), maybe before this step began; then
      // until the event page says it suspends (runtime.onSuspend) after the first tab paused, not a
      // fixed time: on a loaded machine the backlog of a pause's first second kept it busy past a
      // fixed pause. (Firefox 153's backgroundState, which harness/lifecycle.ts reads, said
      // 'stopped' for an event page that went on delivering.)
      const paused = () => server.reports.filter(mine('paused')).slice(index * plan.tabs, (index + 1) * plan.tabs);
      await waitUntil(() => paused().length >= plan.tabs, 60_000, 'every tab paused');
      const first = Math.min(...paused().map((report) => Number(report.now)));
      const suspended = await waitUntil(() => suspends.some((at) => at >= first), plan.pauseMs, 'the event page to suspend').then(() => true, () => false);
      await Promise.all(pages.map((_, tab) => command(tab, { wxs: 'resume' })));
      note(suspended ? 'every tab paused until the event page suspended' : `every tab paused ${plan.pauseMs} ms; the event page did not suspend`);
    }]);
    if (chromium) for (const point of plan.stops) steps.push([point, async () => {
      if (plan.burst && point === plan.burst.at) {
        const bursts = server.reports.filter(mine('burst')).length;
        await command(0, { wxs: 'burst', count: plan.burst.count });
        await waitUntil(() => server.reports.filter(mine('burst')).length > bursts, 15_000, 'the burst posted');
        note(`${plan.burst.count} posted at once`);
      }
      await stop(`at ${Math.round(point * 100)}%`);
      if (point === plan.stopAgain) {
        await workers!.starting();
        await stop('while it was starting again', true);
      }
    }]);
    steps.sort((a, b) => a[0] - b[0]);
    for (const [point, step] of steps) {
      // A pause is reached by the tabs themselves: the stream stops just short of the point.
      if (!plan.pauses.includes(point)) await at(point);
      await step();
    }

    const allDone = () => server.reports.filter(mine('done')).length >= plan.tabs;
    await waitUntil(allDone, plan.settleMs, 'every tab acknowledged').catch(async () => {
      note(`not every tab acknowledged everything within ${plan.settleMs} ms: asking for their reports`);
      await Promise.all(pages.map((_, tab) => command(tab, { wxs: 'report' })));
      await waitUntil(allDone, 10_000, 'every tab\'s report');
    });
    // The last log lines cross the browser's process boundary after the tabs heard their acknowledgements.
    await sleep(500);
    note('every tab done');
    const tabs = server.reports.filter(mine('done')) as unknown as TabReport[];
    const analysis = analyze(parseLog(output), tabs, plan.tabs, stopTimes);
    // Chromium reports a worker's uncaught errors on stderr: a stop during importScripts is expected to cut it short.
    let cutStarts = 0;
    for (const line of output.split('\n').filter((l) => l.includes('Uncaught') && l.includes(`chrome-extension://${id}/`))) {
      if (plan.stopAgain !== undefined && line.includes("Failed to execute 'importScripts'")) cutStarts++;
      else analysis.problems.push(`uncaught in the extension: ${line.slice(0, 300)}`);
    }
    if (chromium && stopsDone && analysis.lifetimes < 2) analysis.problems.push(`${stopsDone} stops, but one background lifetime in the log`);
    if (!chromium && plan.pauses.length && analysis.lifetimes < 2) analysis.problems.push('the event page never suspended');
    await workers?.close();
    // For a closer look at a failed run: the raw log and the tabs' reports (each lists its native ports).
    if (process.env.WXS_DEBUG) writeFileSync(process.env.WXS_DEBUG, JSON.stringify({ output, tabs, stopTimes }));
    return { ...analysis, browser: name, stopsDone, cutStarts, events, ms: Date.now() - begun };
  } catch (error) {
    if (process.env.WXS_DEBUG) writeFileSync(process.env.WXS_DEBUG, JSON.stringify({ output, events, error: String(error) }));
    throw error;
  } finally {
    await handle?.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The browser kept the page out of the back/forward cache: the run proves nothing either way (`code` NOT_CACHED). */
class NotCachedError extends Error {
  readonly code = 'NOT_CACHED';
}

async function waitUntil(condition: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`stress: timed out waiting for ${what}`);
    await sleep(10);
  }
}

interface Workers {
  /** Stops the extension's worker (resolves when it reports stopped). */
  stop(): Promise<void>;
  /** Resolves when the worker is starting again. */
  starting(): Promise<void>;
  close(): Promise<void>;
}

// Chromium: a control tab's page session watches the extension's service worker versions
// (ServiceWorker.enable reports each one's runningStatus) and stops them with ServiceWorker.stopWorker.
async function watchWorkers(handle: BrowserHandle, server: ReportServer, id: string): Promise<Workers> {
  const control = await handle.browser.newPage();
  await control.goto(`${server.origin}/elsewhere.html`);
  const cdp: CDPSession = await control.createCDPSession();
  const status = new Map<string, string>();
  // Counted, not only polled: the tabs reconnect 20 ms after a stop, so 'stopped' and 'starting' can
  // both arrive between two polls of the latest status.
  let stops = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: Array<{ versionId: string; scriptURL: string; runningStatus: string }> }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${id}/`)) continue;
      if (v.runningStatus === 'stopped' && status.get(v.versionId) !== 'stopped') stops++;
      status.set(v.versionId, v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const live = () => [...status].filter(([, s]) => s === 'running' || s === 'starting').map(([v]) => v);
  return {
    async stop() {
      await waitUntil(() => live().length > 0, 15_000, 'a running worker to stop');
      const before = stops;
      for (const versionId of live()) await cdp.send('ServiceWorker.stopWorker', { versionId });
      await waitUntil(() => stops > before, 15_000, 'the worker to stop');
    },
    starting: () => waitUntil(() => [...status.values()].includes('starting'), 15_000, 'the worker starting again'),
    close: () => cdp.detach().catch(() => undefined),
  };
}
