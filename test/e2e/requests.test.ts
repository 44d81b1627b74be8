// port.request() in real browsers while the background goes away (the short form of the stress test;
// bench/requests.ts is meant to run the long one): three tabs each send requests, paced so that some
// are always in flight, to a background that answers through onRequest() after a few ms.
//   Chromium MV3: the test stops the service worker three times while the requests run.
//   Firefox MV3 event page: extensions.background.idle.timeout = 1000 suspends it during a pause.
// Every promise must settle exactly once, every reply must be its own request's, none later than its
// timeout + 1 s; with retry: true none rejects with BACKGROUND_RESTARTED.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserVersion, buildExtension, findBrowsers, idleTimeoutPrefs, launchChromium, launchFirefox, leftoverProcesses, startReportServer, stopServiceWorker, type BrowserHandle, type BrowserName, type Report, type ReportServer } from '../../harness/index.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const UMD = join(dist, 'webext-connect.umd.js');
const MJS = join(dist, 'webext-connect.mjs');
const found = findBrowsers();
const PAGE = '<!doctype html><meta charset="utf-8"><title>requests</title><p>requests</p>';

// Each tab: `n` requests, `perTick` every 5 ms (after a pause of `pauseMs` halfway, for Firefox's
// idle suspension), alternately retry false and true; each outcome recorded with how often it settled.
const CONTENT = String.raw`(() => {
  const O = globalThis.E2E_REQ;
  const tab = Math.random().toString(36).slice(2, 8);
  const post = (data) => fetch(O.origin + '/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ browser: O.browser, tab, ...data }) }).catch(() => {});
  const port = webextConnect.persistentPort({ name: 'req' });
  const outcomes = Array.from({ length: O.n }, () => ({ times: 0 }));
  let sent = 0, settled = 0;
  const t0 = Date.now();
  const one = (k) => {
    const retry = k % 2 === 1;
    const started = Date.now();
    const record = (fields) => {
      const o = outcomes[k];
      o.times++;
      if (o.times > 1) return;
      Object.assign(o, fields, { retry, ms: Date.now() - started });
      if (++settled === O.n) setTimeout(() => post({ from: 'req-done', outcomes, ms: Date.now() - t0 }), 1500);
    };
    port.request('work', { tab, k }, { timeout: O.timeout, retry }).then(
      (reply) => record({ ok: reply && reply.tab === tab && reply.k === k, life: reply && reply.life }),
      (error) => record({ code: error.code || String(error) }),
    );
  };
  post({ from: 'req-started' });
  const tick = () => {
    for (let j = 0; j < O.perTick && sent < O.n; j++) one(sent++);
    if (sent >= O.n) return;
    setTimeout(tick, sent === O.n / 2 ? O.pauseMs : 5);
  };
  tick();
})();
`;

const BACKGROUND = `const life = Math.random().toString(36).slice(2, 8);
// At the top level: a worker woken by a request has its handler before the first message.
onRequest('work', ({ tab, k }) => new Promise((resolve) => setTimeout(() => resolve({ tab, k, life }), 20 + (k % 30))));
`;

interface Outcome {
  times: number;
  retry: boolean;
  ms: number;
  ok?: boolean;
  life?: string;
  code?: string;
}

describe('port.request() in real browsers while the background goes away', function () {
  this.timeout(120_000);
  let server: ReportServer;
  before(async () => {
    if (!existsSync(UMD) || !existsSync(MJS)) throw new Error('dist/ is missing: run `npm run build` first');
    server = await startReportServer();
    server.route('/req.html', PAGE);
  });
  after(() => server?.close());

  async function run(name: BrowserName, config: { n: number; perTick: number; pauseMs: number; timeout: number }, act: (handle: BrowserHandle, id: string) => Promise<void>): Promise<Report[]> {
    const executable = found[name];
    if (!executable) throw new Error(`no ${name}: ${found.missing}`);
    const dir = await mkdtemp(join(tmpdir(), `webext-connect-req-${name}-`));
    let handle: BrowserHandle | undefined;
    try {
      const chromium = name === 'chromium';
      const ext = await buildExtension(
        {
          name: 'E2E Requests',
          files: {
            'webext-connect.umd.js': { from: UMD },
            'webext-connect.mjs': { from: MJS },
            'config.js': `globalThis.E2E_REQ = ${JSON.stringify({ origin: server.origin, browser: name, ...config })};\n`,
            'cs.js': CONTENT,
            'bg-module.js': `import { onRequest } from './webext-connect.mjs';\n${BACKGROUND}`,
            'bg-classic.js': `const { onRequest } = webextConnect;\n${BACKGROUND}`,
          },
          background: chromium ? ['bg-module.js'] : ['webext-connect.umd.js', 'bg-classic.js'],
          backgroundModule: chromium,
          firefoxManifestVersion: 3,
          contentScripts: [{ matches: ['http://127.0.0.1/req.html'], js: ['webext-connect.umd.js', 'config.js', 'cs.js'] }],
          hosts: ['http://127.0.0.1/*'],
          permissions: [],
        },
        name,
        join(dir, 'ext'),
      );
      const launch = chromium ? launchChromium : launchFirefox;
      handle = await launch({ executable, extensions: [ext.dir], prefs: idleTimeoutPrefs(1000) });
      const mine = (from: string) => (r: Report) => r.browser === name && r.from === from;
      const pages = [handle.page, await handle.browser.newPage(), await handle.browser.newPage()];
      const started = Promise.all([0, 1, 2].map(() => server.waitFor(mine('req-started'), 30_000)));
      await Promise.all(pages.map((page) => page.goto(`${server.origin}/req.html`)));
      await started;
      await act(handle, handle.extensionIds[0]!);
      const reports: Report[] = [];
      const tabs = new Set<string>();
      while (reports.length < 3) {
        const report = await server.waitFor((r) => mine('req-done')(r) && !tabs.has(r.tab), 90_000);
        tabs.add(report.tab);
        reports.push(report);
      }
      console.log(`        ${(await browserVersion(executable)).line}: ${reports.map((r) => `${r.outcomes.length} requests in ${r.ms} ms`).join(', ')}`);
      return reports;
    } finally {
      if (handle) {
        await handle.close();
        assert.deepEqual(leftoverProcesses(handle), []);
      }
      await rm(dir, { recursive: true, force: true });
    }
  }

  function judge(reports: Report[], timeout: number): { lives: number; codes: Record<string, number> } {
    const all = reports.flatMap((r) => r.outcomes as Outcome[]);
    const codes: Record<string, number> = {};
    for (const o of all) codes[o.code ?? (o.ok ? 'reply' : 'wrong reply')] = (codes[o.code ?? (o.ok ? 'reply' : 'wrong reply')] ?? 0) + 1;
    const lives = new Set(all.map((o) => o.life).filter(Boolean)).size;
    const slowest = Math.max(...all.map((o) => o.ms));
    console.log(`        ${all.length} requests: ${JSON.stringify(codes)}; ${lives} background lifetimes answered; slowest settled after ${slowest} ms`);
    assert.deepEqual(all.filter((o) => o.times !== 1).length, 0, 'every promise settled exactly once');
    assert.equal(codes['wrong reply'], undefined, 'every reply is its own request\'s');
    assert.ok(slowest <= timeout + 1000, `none later than its timeout + 1 s (${slowest} ms)`);
    assert.deepEqual(all.filter((o) => o.retry && o.code === 'BACKGROUND_RESTARTED').length, 0, 'with retry: true, none rejects with BACKGROUND_RESTARTED');
    return { lives, codes };
  }

  it('Chromium MV3: the worker stopped three times under 3 tabs of requests', async function () {
    if (!found.chromium) return this.skip();
    const timeout = 10_000;
    const reports = await run('chromium', { n: 300, perTick: 2, pauseMs: 5, timeout }, async (handle, id) => {
      for (let stop = 0; stop < 3; stop++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        // The worker may still be starting again after the last stop: wait until there is one to stop.
        for (let tries = 0; ; tries++) {
          try {
            await stopServiceWorker(handle, id);
            break;
          } catch (error) {
            if (tries > 100) throw error;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      }
    });
    const { lives } = judge(reports, timeout);
    assert.ok(lives >= 2, 'the worker restarted while the requests ran');
  });

  it('Firefox MV3 event page: suspended during a pause between two bursts of requests', async function () {
    if (!found.firefox) return this.skip();
    const timeout = 10_000;
    const reports = await run('firefox', { n: 100, perTick: 5, pauseMs: 2500, timeout }, async () => {});
    const { lives, codes } = judge(reports, timeout);
    assert.equal(codes.reply, 300, 'every request answered (none was in flight while the page was suspended)');
    assert.ok(lives >= 2, 'the event page was suspended and started again');
  });
});
