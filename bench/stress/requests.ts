// The request stress test (issue 20's proof): port.request() from 3 tabs, paced so that some are
// always in flight, alternately retry false and true, to a background answering through onRequest()
// after a few ms, while the background goes away: Chromium's service worker is stopped by CDP
// (harness stopServiceWorker) mid-stream; Firefox's MV3 event page is suspended by its idle timeout
// while the tabs pause, and, in the long form, mid-stream as that timeout does it
// (suspendFirefoxBackground). request-judge.ts judges the tabs' reports. Shared by the e2e test (the
// short plans, part of `npm test`) and `npm run bench:requests-stress` (the long plans).
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import {
  buildExtension,
  idleTimeoutPrefs,
  launchChromium,
  launchFirefox,
  leftoverProcesses,
  startReportServer,
  stopServiceWorker,
  suspendFirefoxBackground,
  waitForFirefoxSuspended,
  type BrowserHandle,
  type BrowserName,
  type Report,
} from '../../harness/index.js';
import { judgeRequests, SETTLE_SLACK_MS, type RequestTabReport, type RequestVerdict, type Restart } from './request-judge.js';

const EXT = fileURLToPath(new URL('./extension/', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const PAGE = '<!doctype html><meta charset="utf-8"><title>requests</title><p>requests</p>';

/** What one run does. Points are fractions of all the requests the tabs send. */
export interface RequestStressPlan {
  tabs: number;
  /** Requests per tab, and per second per tab. */
  perTab: number;
  rate: number;
  /** The timeout of an ordinary request, ms. */
  timeout: number;
  /** Every this many requests one asks for a reply after `slowDelay`, beyond its `slowTimeout` (0: none). */
  slowEvery: number;
  slowTimeout: number;
  slowDelay: number;
  /** Chromium: the worker is stopped at these points, each after a lifetime started since the last one answered. */
  stops: number[];
  /** Firefox: every tab stops sending at these points (of its own requests) until the idle timeout (`idleMs`) has suspended the event page. */
  pauses: number[];
  idleMs: number;
  /** Firefox: the event page is suspended at these points while the requests flow. */
  suspends: number[];
}

// Slow requests time out after 1 s, not less: Firefox delays a background tab's timers to at least
// 1 s, which a shorter timeout would see as lateness beyond the 1 s bound the test holds it to.
const BASE = { tabs: 3, timeout: 10_000, slowEvery: 25, slowTimeout: 1000, slowDelay: 1500 };

/** The short plans: part of `npm test` (test/e2e/requests.test.ts), well under 60 s for both browsers. */
export const REQUEST_SHORT: Record<BrowserName, RequestStressPlan> = {
  chromium: { ...BASE, perTab: 300, rate: 100, stops: [0.15, 0.4, 0.65], pauses: [], idleMs: 30_000, suspends: [] },
  firefox: { ...BASE, perTab: 100, rate: 150, stops: [], pauses: [0.5], idleMs: 1000, suspends: [] },
};

/** The long plans, for the bench: 2,100 requests from 3 tabs per browser. */
export const REQUEST_LONG: Record<BrowserName, RequestStressPlan> = {
  chromium: { ...BASE, perTab: 700, rate: 100, stops: [0.2, 0.45, 0.7], pauses: [], idleMs: 30_000, suspends: [] },
  firefox: { ...BASE, perTab: 700, rate: 100, stops: [], pauses: [0.35, 0.7], idleMs: 1000, suspends: [0.15, 0.55, 0.9] },
};

/** What runRequestStress() returns: the verdict, the stops and suspensions done, the plan's events as they happened, the wall time. */
export interface RequestStressOutcome extends RequestVerdict {
  browser: BrowserName;
  version: string;
  plan: RequestStressPlan;
  /** Chromium worker stops, Firefox suspensions (idle, while paused) and suspensions mid-stream. */
  stops: number;
  idleSuspensions: number;
  suspensions: number;
  events: string[];
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`request stress: timed out waiting for ${what}`);
    await sleep(25);
  }
}

// Retries `act` until it succeeds: after a stop the background may still be starting again, and
// neither browser can stop one that is not running yet.
async function whenRunning(act: () => Promise<void>): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      return await act();
    } catch (error) {
      if (tries > 300) throw error;
      await sleep(20);
    }
  }
}

/** Runs `plan` in one browser and judges it; the browser is always closed. */
export async function runRequestStress(name: BrowserName, executable: string, plan: RequestStressPlan, log: (line: string) => void = () => {}): Promise<RequestStressOutcome> {
  const begun = Date.now();
  const run = Math.random().toString(36).slice(2, 8);
  const server = await startReportServer();
  server.route('/req.html', PAGE);
  const dir = await mkdtemp(join(tmpdir(), `webext-connect-reqstress-${name}-`));
  const events: string[] = [];
  const note = (event: string) => {
    events.push(`${event} @${((Date.now() - begun) / 1000).toFixed(1)}s`);
    log(`${name}: ${event}`);
  };
  let handle: BrowserHandle | undefined;
  let closed = false;
  try {
    const chromium = name === 'chromium';
    const config = { origin: server.origin, run, ...plan, lateMs: plan.slowDelay + 200 };
    const ext = await buildExtension(
      {
        name: 'Request Stress',
        files: {
          'webext-connect.umd.js': { from: join(DIST, 'webext-connect.umd.js') },
          'webext-connect.mjs': { from: join(DIST, 'webext-connect.mjs') },
          'config.js': `globalThis.WXR = ${JSON.stringify(config)};\n`,
          'global.js': "import * as webextConnect from './webext-connect.mjs';\nglobalThis.webextConnect = webextConnect;\n",
          'content.js': { from: join(EXT, 'requests-content.js') },
          'background.js': { from: join(EXT, 'requests-background.js') },
        },
        // Chromium: a module worker, so a stop cannot cut a classic importScripts() short.
        background: chromium ? ['config.js', 'global.js', 'background.js'] : ['webext-connect.umd.js', 'config.js', 'background.js'],
        backgroundModule: chromium,
        firefoxManifestVersion: 3,
        contentScripts: [{ matches: ['http://127.0.0.1/req.html'], js: ['webext-connect.umd.js', 'config.js', 'content.js'] }],
        hosts: ['http://127.0.0.1/*'],
        permissions: [],
      },
      name,
      join(dir, 'ext'),
    );
    // Three tabs send at once, but only one is in front: Chromium's throttling of timers in
    // background tabs is turned off; Firefox's runs them once a second (the tab catches up then).
    handle = chromium
      ? await launchChromium({ executable, extensions: [ext.dir], args: ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'] })
      : await launchFirefox({ executable, extensions: [ext.dir], prefs: idleTimeoutPrefs(plan.idleMs) });
    const browser = handle;
    const id = browser.extensionIds[0]!;
    note(`launched ${browser.version}`);

    const mine = (from: string) => (r: Report) => r.run === run && r.from === from;
    const pages: Page[] = [browser.page];
    // Each tab in a window of its own, so none is a hidden tab whose timers the browser throttles
    // (Firefox: at least 1 s, and seconds more once its budget runs out, for the library's timeouts
    // and reconnect delays alike: a measure of the browser's policy, not of the library).
    while (pages.length < plan.tabs) pages.push(await browser.browser.newPage({ type: 'window' }));
    await Promise.all(pages.map((page) => page.goto(`${server.origin}/req.html`)));
    await waitUntil(() => server.reports.filter(mine('req-ready')).length >= plan.tabs, 30_000, 'every tab ready');
    note(`${plan.tabs} tabs sending`);

    // The tabs leave their progress on the page's root element, where the main world reads it.
    const progress = async () => {
      const all = await Promise.all(pages.map((page) => page.evaluate('[Number(document.documentElement.dataset.wxrSent || 0), document.documentElement.dataset.wxrLife || ""]') as Promise<[number, string]>));
      return { sent: all.reduce((n, [sent]) => n + sent, 0), lives: new Set(all.map(([, life]) => life).filter(Boolean)) };
    };
    const paused = async () => Math.min(...(await Promise.all(pages.map((page) => page.evaluate('Number(document.documentElement.dataset.wxrPaused || 0)') as Promise<number>))));
    const total = plan.tabs * plan.perTab;
    const at = (point: number) => waitUntil(async () => (await progress()).sent >= point * total, 120_000, `${Math.round(point * 100)}% of the requests sent`);
    const command = (wxr: string) => Promise.all(pages.map((page) => page.evaluate(`window.postMessage(${JSON.stringify({ wxr })}, '*')`)));

    const restarts: Restart[] = [];
    let stops = 0;
    let idleSuspensions = 0;
    let suspensions = 0;
    // A stop meets a lifetime that answered something, not one still starting after the last stop.
    let stoppedLives = new Set<string>();
    const answeredSinceLastStop = async () => [...(await progress()).lives].some((life) => !stoppedLives.has(life));
    const restart = async (what: string, act: () => Promise<void>) => {
      await waitUntil(answeredSinceLastStop, 60_000, 'a background lifetime answering');
      stoppedLives = (await progress()).lives;
      const at = Date.now();
      await whenRunning(act);
      restarts.push({ at, until: Date.now() });
      note(`${what} (${(await progress()).sent} of ${total} sent; the tabs' latest replies from ${[...stoppedLives].join(', ')})`);
    };
    const steps: Array<[number, () => Promise<void>]> = [];
    if (chromium) for (const point of plan.stops) steps.push([point, () => restart(`worker stopped at ${Math.round(point * 100)}%`, async () => {
      await stopServiceWorker(browser, id);
      stops++;
    })]);
    else {
      for (const point of plan.suspends) steps.push([point, () => restart(`event page suspended at ${Math.round(point * 100)}%`, async () => {
        await suspendFirefoxBackground(browser, id);
        suspensions++;
      })]);
      plan.pauses.forEach((point, i) => steps.push([point, async () => {
        // Each tab stops by itself at the point (a command would come late to a throttled tab).
        await waitUntil(async () => (await paused()) > i, 30_000, `every tab paused at ${Math.round(point * 100)}%`);
        const asked = Date.now();
        await waitForFirefoxSuspended(browser, id, plan.idleMs + 15_000);
        restarts.push({ at: asked, until: Date.now() });
        idleSuspensions++;
        note(`every tab paused at ${Math.round(point * 100)}% until the idle timeout suspended the event page`);
        await command('resume');
      }]));
    }
    steps.sort((a, b) => a[0] - b[0]);
    for (const [point, step] of steps) {
      await at(point);
      await step();
    }

    await at(1);
    const done = () => server.reports.filter(mine('req-done')).length >= plan.tabs;
    const wait = Math.max(plan.timeout, plan.slowTimeout) + SETTLE_SLACK_MS + plan.slowDelay + 15_000;
    await waitUntil(done, wait, 'every request settled').catch(async () => {
      note(`not every request settled within ${wait} ms of the last one sent: asking the tabs for their reports`);
      await command('report');
      await waitUntil(done, 10_000, "every tab's report");
    });
    note('every tab done');
    const reports = server.reports.filter(mine('req-done')) as unknown as RequestTabReport[];
    // For a closer look at a failed run: every request as its tab saw it, and the stops.
    if (process.env.REQUEST_STRESS_DEBUG) writeFileSync(process.env.REQUEST_STRESS_DEBUG, JSON.stringify({ reports, restarts, events }));
    const verdict = judgeRequests(reports, plan.tabs, plan.perTab, restarts);
    if (chromium && verdict.lifetimes < 2) verdict.violations.push(`${stops} worker stops, but one background lifetime answered`);
    if (!chromium && verdict.lifetimes < 2) verdict.violations.push('the event page never restarted');
    await browser.close();
    closed = true;
    for (const left of leftoverProcesses(browser)) verdict.violations.push(`left running after close: ${left}`);
    return { ...verdict, browser: name, version: browser.version, plan, stops, idleSuspensions, suspensions, events, ms: Date.now() - begun };
  } finally {
    if (!closed) await handle?.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The figures of runs as a Markdown table, one row a run. */
export function requestStressTable(outcomes: RequestStressOutcome[]): string {
  const head = ['browser', 'requests', 'settled', 'by outcome', 'stops / suspensions', 'lifetimes', 'slowest settle vs timeout', 'reply p50 / p95', 'violations'];
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [
    line(head),
    `|${head.map(() => '---').join('|')}|`,
    ...outcomes.map((o) =>
      line([
        o.version,
        o.requests.toLocaleString('en'),
        o.settled.toLocaleString('en'),
        Object.entries(o.byOutcome).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ${n}`).join(', '),
        o.browser === 'chromium' ? `${o.stops} worker stops` : `${o.suspensions} mid-stream, ${o.idleSuspensions} idle`,
        o.lifetimes,
        `${o.maxMs} ms; at most ${o.maxOverTimeout > 0 ? `${o.maxOverTimeout} ms past` : `${-o.maxOverTimeout} ms within`} its timeout (bound +${SETTLE_SLACK_MS})`,
        `${o.replyP50} / ${o.replyP95} ms`,
        o.violations.length || 'none',
      ]),
    ),
  ].join('\n');
}
