// The shared scenario list (test/scenarios/scenarios.ts) in real headless Chromium and Firefox, one
// launch per world (WORLDS below: Chromium, Firefox, and Chromium whose main extension asks for
// structured clone), with two extensions loaded:
//   main:  content script = webext-connect.umd.js + config.js + scenarios.js + cs.js on page.html and divs.html;
//          background = Chromium module service worker importing webext-connect.mjs / Firefox page with the UMD file;
//          module.html = extension page whose <script type="module"> imports webext-connect.mjs.
//   other: answers onConnectExternal (Chromium: classic service worker, importScripts of the UMD file).
// plain.html (no extension) loads the UMD file with a script tag; so does web.html, which the other
// extension's externally_connectable lists (Chromium; Firefox has no such key). Every context runs its scenarios and
// POSTs the outcomes to the loopback report server; expect() judges them here, and the same list is
// run against the fakes to catch drift between the two.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeCtx, MISSING_ID, runAgainstFakes, type Asked } from '../scenarios/fake-world.js';
import { SCENARIOS, WHERES, type Ctx, type Outcome, type Where } from '../scenarios/scenarios.js';
import { bundleScenarios } from './bundle.js';
import {
  buildExtension,
  createChromiumKey,
  browserVersion,
  findBrowsers,
  launchChromium,
  launchFirefox,
  leftoverProcesses,
  startReportServer,
  type BrowserHandle,
  type BrowserName,
  type ExtensionSpec,
  type Report,
  type ReportServer,
} from '../../harness/index.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const UMD = join(dist, 'webext-connect.umd.js');
const MJS = join(dist, 'webext-connect.mjs');
const found = findBrowsers();
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const PAGE = '<!doctype html><meta charset="utf-8"><title>webext-connect e2e</title><button id="btn">click me</button>';
const DIVS = '<!doctype html><meta charset="utf-8"><title>webext-connect e2e: divs</title><div id="browser">browser</div><div id="chrome">chrome</div>';

function plainPage(config: object, where: Where = 'plain-page'): string {
  // The error listener comes first so it sees anything the UMD file throws while loading.
  return `<!doctype html><meta charset="utf-8"><title>webext-connect e2e: ${where}</title>
<script>var E2E_LOAD_ERRORS = []; addEventListener('error', function (e) { E2E_LOAD_ERRORS.push(String(e.message)); });</script>
<script>var E2E_CONFIG = ${JSON.stringify(config)};</script>
<script src="/webext-connect.umd.js"></script>
<script src="/scenarios.js"></script>
<script>E2EScenarios.run('${where}', typeof webextConnect === 'object' ? webextConnect : null, { loadErrors: E2E_LOAD_ERRORS });</script>`;
}

// Each world is one browser launch with both extensions; the third is Chromium again with the main
// extension's manifest asking for structured clone ("message_serialization", Chrome 148+).
const WORLDS: readonly { key: string; name: BrowserName; asked: Asked }[] = [
  { key: 'chromium', name: 'chromium', asked: undefined },
  { key: 'firefox', name: 'firefox', asked: undefined },
  { key: 'chromium-structured-clone', name: 'chromium', asked: 'structured_clone' },
];

// Only the web page may connect: the plain page must stay a page no extension lets in.
const WEB_PAGE_MATCH = 'http://127.0.0.1/web-*';

function specs(browser: BrowserName, bundle: string, config: (ownId: string | null) => object, asked: Asked) {
  const hosts = ['http://127.0.0.1/*'];
  const lib = { 'webext-connect.umd.js': { from: UMD }, 'webext-connect.mjs': { from: MJS }, 'scenarios.js': bundle };
  const configJs = (ownId: string | null) => `globalThis.E2E_CONFIG = ${JSON.stringify(config(ownId))};\n`;
  const moduleScript = (call: string) =>
    `import './config.js';\nimport './scenarios.js';\nimport * as lib from './webext-connect.mjs';\n${call}\n`;
  const other: ExtensionSpec = {
    name: 'E2E Other',
    files: { ...lib, 'config.js': configJs(null), 'other.js': 'E2EScenarios.other(webextConnect);\n' },
    background: ['webext-connect.umd.js', 'config.js', 'scenarios.js', 'other.js'],
    hosts,
    // Chromium delivers onConnectExternal only from the ids and pages listed here; Firefox has no such key.
    manifest: browser === 'chromium' ? { externally_connectable: { ids: ['*'], matches: [WEB_PAGE_MATCH] } } : {},
  };
  const main = (ownId: string): ExtensionSpec => ({
    name: 'E2E Main',
    files: {
      ...lib,
      'config.js': configJs(ownId),
      'cs.js': 'E2EScenarios.content(webextConnect);\n',
      'bg-module.js': moduleScript('globalThis.E2EScenarios.background(lib);'),
      'bg-classic.js': 'E2EScenarios.background(webextConnect);\n',
      'module.html': '<!doctype html><meta charset="utf-8"><title>module page</title><script type="module" src="module.js"></script>',
      'module.js': moduleScript("globalThis.E2EScenarios.run('module-page', lib);"),
    },
    // Chromium: a module service worker importing the .mjs; Firefox: a background page with the UMD file.
    background: browser === 'chromium' ? ['bg-module.js'] : ['webext-connect.umd.js', 'config.js', 'scenarios.js', 'bg-classic.js'],
    backgroundModule: browser === 'chromium',
    // The UMD file first: it defines webextConnect for the scripts after it.
    contentScripts: [
      { matches: ['http://127.0.0.1/page.html', 'http://127.0.0.1/divs.html'], js: ['webext-connect.umd.js', 'config.js', 'scenarios.js', 'cs.js'] },
      // The connectTab() scenarios' tab, top frame and iframe.
      { matches: ['http://127.0.0.1/tab.html*', 'http://127.0.0.1/tab-frame.html*'], js: ['webext-connect.umd.js', 'config.js', 'scenarios.js', 'cs.js'], all_frames: true },
    ],
    hosts,
    permissions: [],
    manifest: { action: { default_title: 'e2e' }, ...(asked ? { message_serialization: asked } : {}) },
  });
  return { other, main };
}

describe('scenarios in real browsers', function () {
  this.timeout(60_000);
  let server: ReportServer;
  let bundle: string;
  // GET /go/<world> is held until that world's both backgrounds said they are ready.
  const held: Record<string, ServerResponse[]> = Object.fromEntries(WORLDS.map((w) => [w.key, []]));
  const released = new Set<string>();

  before(async function () {
    if (!existsSync(UMD) || !existsSync(MJS)) throw new Error('dist/ is missing: run `npm run build` first');
    if (found.missing) console.log(`      ${found.missing}`);
    [server, bundle] = await Promise.all([startReportServer(), bundleScenarios()]);
    server.route('/page.html', PAGE);
    server.route('/divs.html', DIVS);
    server.route('/tab.html', '<!doctype html><meta charset="utf-8"><title>connectTab: top</title><iframe src="/tab-frame.html"></iframe>');
    server.route('/tab-frame.html', '<!doctype html><meta charset="utf-8"><title>connectTab: iframe</title>');
    server.route('/bare.html', '<!doctype html><meta charset="utf-8"><title>no content script</title>');
    server.route('/webext-connect.umd.js', { type: 'text/javascript; charset=utf-8', body: await readFile(UMD, 'utf8') });
    server.route('/scenarios.js', { type: 'text/javascript; charset=utf-8', body: bundle });
    for (const { key } of WORLDS) {
      server.route(`/go/${key}`, (_req, res) => (released.has(key) ? res.end('go') : held[key]!.push(res)));
    }
    console.log(`      scenario bundle ready (${(bundle.length / 1024).toFixed(0)} KiB) at ${elapsed()}`);
  });
  after(async () => {
    for (const list of Object.values(held)) for (const res of list) res.end();
    await server?.close();
    console.log(`      whole suite: ${elapsed()}`);
  });

  for (const { key, name, asked } of WORLDS) {
    describe(key, () => {
      let handle: BrowserHandle | undefined;
      let extDir: string | undefined;
      let ctx: Ctx;
      let ids: { main: string; other: string };
      const outcomes = new Map<string, Outcome>();
      const reports: Partial<Record<Where, Report>> = {};
      let readyMain: Report | undefined;
      const mine = (test: (r: Report) => boolean) => (r: Report) => r.browser === key && test(r);

      before(async function () {
        const executable = found[name];
        if (!executable) {
          if (process.env.CI === 'true') throw new Error(`CI must have both browsers: ${found.missing}`);
          return this.skip();
        }
        const t0 = Date.now();
        const version = await browserVersion(executable);
        ctx = { browser: name, major: version.major, fake: false, serialization: fakeCtx(name, asked).serialization };
        extDir = await mkdtemp(join(tmpdir(), `webext-connect-e2e-${key}-`));
        // Fixed ids known before building, so config.js can carry them: a Chromium key, a gecko id.
        const keyFor = (role: string) => (name === 'chromium' ? createChromiumKey() : { key: undefined, id: `e2e-${role}@webext-connect.test` });
        const [mainKey, otherKey] = [keyFor('main'), keyFor('other')];
        ids = { main: mainKey.id, other: otherKey.id };
        const config = (ownId: string | null) => ({ origin: server.origin, go: `/go/${key}`, browser: key, ownId, otherId: ids.other, missingId: MISSING_ID });
        server.route(`/plain-${key}.html`, plainPage(config(null)));
        server.route(`/web-${key}.html`, plainPage(config(null), 'web-page'));
        const built = specs(name, bundle, config, asked);
        const fixed = (spec: ExtensionSpec, k: { key?: string; id: string }) => (name === 'chromium' ? { ...spec, chromiumKey: k.key } : { ...spec, geckoId: k.id });
        const otherExt = await buildExtension(fixed(built.other, otherKey), name, join(extDir, 'other'));
        const mainExt = await buildExtension(fixed(built.main(ids.main), mainKey), name, join(extDir, 'main'));
        assert.deepEqual([mainExt.id, otherExt.id], [ids.main, ids.other]);

        const launch = name === 'chromium' ? launchChromium : launchFirefox;
        handle = await launch({ executable, extensions: [otherExt.dir, mainExt.dir] });
        const launched = Date.now() - t0;
        [readyMain] = await Promise.all([server.waitFor(mine((r) => r.from === 'ready' && r.role === 'main')), server.waitFor(mine((r) => r.from === 'ready' && r.role === 'other'))]);
        released.add(key);
        for (const res of held[key]!.splice(0)) res.end('go');
        const page2 = await handle.browser.newPage();
        const page3 = await handle.browser.newPage();
        const page4 = await handle.browser.newPage();
        // The main content script runs the longest list (persistent ports, requests with their timers):
        // in front, so Firefox does not throttle its timers to once a second as in a background tab.
        await handle.page.bringToFront();
        await Promise.all([
          handle.page.goto(`${server.origin}/page.html`),
          page2.goto(`${server.origin}/divs.html`),
          page3.goto(`${server.origin}/plain-${key}.html`),
          page4.goto(`${server.origin}/web-${key}.html`),
        ]);
        for (const where of WHERES) {
          reports[where] = await server.waitFor(mine((r) => r.from === 'scenarios' && r.where === where), 45_000);
          for (const outcome of reports[where]!.outcomes as Outcome[]) outcomes.set(outcome.name, outcome);
        }
        console.log(`      ${version.line}: launched in ${launched} ms, all contexts reported at ${elapsed()}`);
      });

      after(async () => {
        if (handle) {
          await handle.close();
          assert.deepEqual(leftoverProcesses(handle), []);
        }
        if (extDir) await rm(extDir, { recursive: true, force: true });
      });

      it('installs both extensions under the ids the suite computed', () => {
        assert.deepEqual(handle!.extensionIds, [ids.other, ids.main]);
      });

      for (const scenario of SCENARIOS) {
        it(`[${scenario.where}] ${scenario.name}`, () => {
          const outcome = outcomes.get(scenario.name);
          assert.ok(outcome, `no result from ${scenario.where}`);
          assert.ok(!('error' in outcome), `threw in the browser: ${outcome.error}`);
          scenario.expect(outcome.result, ctx);
        });
      }

      it('no drift: the same scenarios produce results here and against the fakes, and pass or fail alike', async () => {
        const fake = new Map(Object.values(await runAgainstFakes(name, asked)).flat().map((o) => [o.name, o]));
        const produced = (m: Map<string, Outcome>) => [...m.values()].filter((o) => !('error' in o)).map((o) => o.name).sort();
        const all = SCENARIOS.map((s) => s.name).sort();
        const thrown = (m: Map<string, Outcome>) => [...m.values()].flatMap((o) => ('error' in o ? [`${o.name}: ${o.error}`] : [])).join('; ');
        assert.deepEqual(produced(outcomes), all, `real browser results (threw: ${thrown(outcomes)})`);
        assert.deepEqual(produced(fake), all, `fake results (threw: ${thrown(fake)})`);
        const verdict = (outcome: Outcome | undefined, c: Ctx, expect: (r: unknown, c: Ctx) => void) => {
          try {
            expect(outcome!.result, c);
            return 'passes';
          } catch {
            return 'fails';
          }
        };
        const differ = SCENARIOS.flatMap((s) => {
          const real = verdict(outcomes.get(s.name), ctx, s.expect);
          const faked = verdict(fake.get(s.name), fakeCtx(name, asked), s.expect);
          return real === faked ? [] : [`${s.name}: ${real} in ${key}, ${faked} against the fakes`];
        });
        assert.deepEqual(differ, []);
      });

      it('harness: a trusted click reaches the content script, the toolbar action reaches the background', async () => {
        // The other tabs opened later: a background tab gets no animation frames, so click would wait forever.
        await handle!.page.bringToFront();
        await handle!.page.click('#btn');
        const click = await server.waitFor(mine((r) => r.from === 'click'));
        assert.deepEqual([click.isTrusted, click.target], [true, 'btn']);
        await handle!.triggerAction(ids.main);
        const action = await server.waitFor(mine((r) => r.from === 'action'));
        assert.equal(action.tabUrl, `${server.origin}/page.html`);
        console.log(`        toolbar action via ${handle!.actionVia}`);
      });

      it('reports what the contexts saw (for the record; E2E_RESULTS=<dir> also writes every outcome)', async () => {
        for (const where of WHERES) console.log(`        ${where}: ${JSON.stringify(reports[where]?.info)}`);
        console.log(`        native Port, missing receiver, no library: ${JSON.stringify(readyMain?.native)}`);
        const dir = process.env.E2E_RESULTS;
        if (dir) await writeFile(join(dir, `e2e-${key}.json`), JSON.stringify({ ctx, native: readyMain?.native, reports }, null, 1));
      });
    });
  }
});
