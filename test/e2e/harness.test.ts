import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildExtension,
  browserVersion,
  findBrowsers,
  launchChromium,
  launchFirefox,
  leftoverProcesses,
  startReportServer,
  type BrowserHandle,
  type BrowserName,
  type ExtensionSpec,
  type ReportServer,
} from './harness/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/smoke/', import.meta.url));
const found = findBrowsers();

function specs(browser: BrowserName, report: string) {
  const config = (otherId: string) => `var SMOKE = ${JSON.stringify({ browser, report, otherId })};\n`;
  const hosts = ['http://127.0.0.1/*'];
  const other: ExtensionSpec = {
    name: 'Smoke Other',
    files: { 'other-bg.js': { from: join(fixtures, 'other-bg.js') } },
    background: ['other-bg.js'],
    hosts,
    // Chromium only accepts onConnectExternal from ids listed here; Firefox ignores the key.
    manifest: browser === 'chromium' ? { externally_connectable: { ids: ['*'] } } : {},
  };
  const main = (otherId: string): ExtensionSpec => ({
    name: 'Smoke Main',
    files: {
      'config.js': config(otherId),
      'main-bg.js': { from: join(fixtures, 'main-bg.js') },
      'main-cs.js': { from: join(fixtures, 'main-cs.js') },
    },
    background: ['config.js', 'main-bg.js'],
    contentScripts: [{ matches: ['http://127.0.0.1/*'], js: ['config.js', 'main-cs.js'] }],
    hosts,
    manifest: { action: { default_title: 'smoke' } },
  });
  return { other, main };
}

describe('e2e harness in real browsers', function () {
  this.timeout(60_000);
  let server: ReportServer;

  before(async () => {
    if (found.missing) console.log(`      (${found.missing})`);
    server = await startReportServer({ root: fixtures });
  });
  after(() => server?.close());

  for (const name of ['chromium', 'firefox'] as const) {
    describe(name, () => {
      let handle: BrowserHandle | undefined;
      let extDir: string | undefined;
      let ids: { main: string; other: string };
      const mine = (from: string) => (r: Record<string, any>) => r.browser === name && r.from === from;

      before(async function () {
        const executable = found[name];
        if (!executable) return this.skip();
        extDir = await mkdtemp(join(tmpdir(), `webext-connect-smoke-${name}-`));
        const { other, main } = specs(name, `${server.origin}/report`);
        const otherExt = await buildExtension(other, name, join(extDir, 'other'));
        const mainExt = await buildExtension(main(otherExt.id), name, join(extDir, 'main'));
        ids = { main: mainExt.id, other: otherExt.id };

        const started = Date.now();
        const launch = name === 'chromium' ? launchChromium : launchFirefox;
        handle = await launch({ executable, extensions: [otherExt.dir, mainExt.dir], url: `${server.origin}/page.html` });
        console.log(`      ${(await browserVersion(executable)).line}: launched with 2 extensions in ${Date.now() - started} ms`);
      });

      after(async () => {
        if (handle) {
          const started = Date.now();
          await handle.close();
          console.log(`      closed in ${Date.now() - started} ms`);
          assert.deepEqual(leftoverProcesses(handle), []);
        }
        if (extDir) await rm(extDir, { recursive: true, force: true });
      });

      it('installs both extensions under their fixed ids', async () => {
        assert.deepEqual(handle!.extensionIds, [ids.other, ids.main]);
        const start = await server.waitFor(mine('background-start'));
        assert.equal(start.id, ids.main);
      });

      it('content script connects to its background and gets the reply', async () => {
        const content = await server.waitFor(mine('content'));
        assert.deepEqual(content.reply, { echo: { ping: 1 }, id: ids.main });
        const background = await server.waitFor(mine('background'));
        assert.equal(background.name, 'smoke');
        assert.equal(background.senderUrl, `${server.origin}/page.html`);
        assert.equal(background.hasTab, true);
      });

      it('background reaches the second extension with connect(otherId) / onConnectExternal', async () => {
        const cross = await server.waitFor(mine('content-cross'));
        assert.deepEqual(cross.reply, { got: { hello: 'other' }, by: ids.other, senderId: ids.main, name: 'cross' });
      });

      it('delivers a trusted click to the page', async () => {
        await handle!.page.click('#btn');
        const click = await server.waitFor(mine('click'));
        assert.deepEqual([click.isTrusted, click.target], [true, 'btn']);
      });

      it('presses the toolbar action', async () => {
        await handle!.triggerAction(ids.main);
        const action = await server.waitFor(mine('action'));
        assert.equal(action.tabUrl, `${server.origin}/page.html`);
      });
    });
  }
});
