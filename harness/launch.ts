import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type LaunchOptions as PuppeteerLaunchOptions, type Page } from 'puppeteer-core';
import type { BrowserName } from './browsers.js';
import { DEVTOOLS_SERVER_PREFS, evaluateInParentProcess } from './firefox-devtools.js';

/** Options of launchChromium()/launchFirefox(). */
export interface LaunchOptions {
  executable: string;
  /** Unpacked extension dirs of this browser's flavour (see buildExtension). */
  extensions: string[];
  /** Page opened in the first tab after the extensions are installed. */
  url?: string;
  /** Extra command-line arguments. */
  args?: string[];
  /** Extra Firefox prefs (ignored by Chromium). */
  prefs?: Record<string, unknown>;
  /** Print the browser's stdout/stderr (Firefox: also content-script console). */
  dumpio?: boolean;
}

/** A running headless browser with its extensions installed. */
export interface BrowserHandle {
  name: BrowserName;
  /** e.g. "Chrome/156.0.8078.79" or "firefox/153.7.0". */
  version: string;
  /** puppeteer-core Browser (CDP for Chromium, WebDriver BiDi for Firefox). */
  browser: Browser;
  /** The first tab, at options.url if given. */
  page: Page;
  /** Ids of options.extensions, same order. */
  extensionIds: string[];
  /** Browser process id; also its process group id. */
  pid: number;
  /** Temp folder holding HOME, TMPDIR, XDG_* and the profile; removed by close(). */
  tempDir: string;
  /** Presses the extension's toolbar button (action.onClicked fires with page's tab, or the popup opens). */
  triggerAction(extensionId: string, page?: Page): Promise<void>;
  /** How the last triggerAction reached the browser: 'cdp' (Chromium), 'bidi' or 'devtools' (Firefox, see firefoxAction). */
  actionVia: ActionVia | undefined;
  /** Closes the browser, kills its whole process group and removes tempDir; safe to call twice. */
  close(): Promise<void>;
}

/** How triggerAction reached the browser's internals. */
export type ActionVia = 'cdp' | 'bidi' | 'devtools';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-quic',
  // Anything not loopback goes to a closed port; Chromium never proxies 127.0.0.1/localhost.
  '--proxy-server=http://127.0.0.1:9',
];

const DEAD = 'http://127.0.0.1:9';
// Keep Firefox off the network: everything non-loopback to a dead proxy, no DNS-over-HTTPS, no background services.
const FIREFOX_PREFS: Record<string, unknown> = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.socks_remote_dns': true,
  'network.proxy.failover_direct': false,
  'network.proxy.allow_bypass': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'network.predictor.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': DEAD,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': DEAD,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': DEAD,
  'app.update.enabled': false,
  'app.update.auto': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'services.settings.server': `${DEAD}/v1`,
  'xpinstall.signatures.required': false,
  'devtools.console.stdout.content': true,
};

/** Starts headless Chromium (puppeteer-core over a CDP pipe) with unpacked MV3 extensions loaded. */
export function launchChromium(options: LaunchOptions): Promise<BrowserHandle> {
  return launch('chromium', options, (profile, env) => ({
    executablePath: options.executable,
    userDataDir: profile,
    // Makes puppeteer pass --enable-unsafe-extension-debugging and use the pipe that Extensions.loadUnpacked needs.
    enableExtensions: true,
    pipe: true,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    env,
  }));
}

/** Starts headless Firefox (puppeteer-core over WebDriver BiDi) with unpacked extensions installed as temporary add-ons. */
export function launchFirefox(options: LaunchOptions): Promise<BrowserHandle> {
  return launch('firefox', options, (profile, env) => ({
    browser: 'firefox',
    executablePath: options.executable,
    userDataDir: profile,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...DEVTOOLS_SERVER_PREFS, ...options.prefs },
    args: [
      // Lets BiDi evaluate in the browser window (chrome scope), which triggerAction needs (Firefox 153).
      '--remote-allow-system-access',
      // triggerAction's way in where BiDi lists no browser window (Firefox 140): a unix socket, no TCP port.
      '-start-debugger-server',
      devtoolsSocket(env),
      ...(options.args ?? []),
    ],
    // Without it Firefox ignores services.settings.server and resolves Mozilla's hosts directly.
    env: { ...env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  }));
}

async function launch(
  name: BrowserName,
  options: LaunchOptions,
  configure: (profile: string, env: Record<string, string | undefined>) => PuppeteerLaunchOptions,
): Promise<BrowserHandle> {
  const tempDir = mkdtempSync(join(tmpdir(), `webext-connect-${name}-`));
  const dir = (sub: string) => {
    const path = join(tempDir, sub);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return path;
  };
  const env = {
    ...process.env,
    HOME: dir('home'),
    TMPDIR: dir('tmp'),
    XDG_CONFIG_HOME: dir('config'),
    XDG_CACHE_HOME: dir('cache'),
    XDG_DATA_HOME: dir('data'),
    XDG_RUNTIME_DIR: dir('runtime'),
  };

  let pid = 0;
  // Runs even when mocha exits on a failure or the process is torn down without close().
  const killSync = () => {
    if (pid) killGroup(pid);
    rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', killSync);

  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      headless: true,
      timeout: 30_000,
      dumpio: options.dumpio ?? false,
      defaultViewport: { width: 1000, height: 700 },
      ...configure(dir('profile'), env),
    });
    pid = browser.process()?.pid ?? 0;
    const extensionIds: string[] = [];
    for (const path of options.extensions) extensionIds.push(await browser.installExtension(path));
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    if (options.url) await page.goto(options.url);

    let closing: Promise<void> | undefined;
    const b = browser;
    const handle: BrowserHandle = {
      name,
      version: await browser.version(),
      browser,
      page,
      extensionIds,
      pid,
      tempDir,
      actionVia: undefined,
      triggerAction: async (extensionId, target = page) => {
        handle.actionVia = undefined;
        handle.actionVia = await (name === 'chromium' ? chromiumAction(b, extensionId, target) : firefoxAction(b, extensionId, target, devtoolsSocket(env)));
      },
      close: () => (closing ??= shutdown(b, pid, killSync)),
    };
    return handle;
  } catch (error) {
    await (browser ? shutdown(browser, pid, killSync) : killSync());
    throw error;
  }
}

async function chromiumAction(browser: Browser, extensionId: string, page: Page): Promise<ActionVia> {
  const extension = (await browser.extensions()).get(extensionId);
  if (!extension) throw new Error(`triggerAction: extension ${extensionId} is not installed`);
  // Chromium 156 acts on the active tab whatever target is named.
  await page.bringToFront();
  await page.triggerExtensionAction(extension);
  return 'cdp';
}

/** The devtools server's unix socket: in the launch's temp folder (env.TMPDIR is <tempDir>/tmp). */
const devtoolsSocket = (env: Record<string, string | undefined>) => join(env.TMPDIR!, 'devtools.sock');

/** Firefox: evaluates `expression` in the parent process of a running launchFirefox() browser (see firefox-devtools.ts). */
export function evaluateInFirefoxParent(handle: Pick<BrowserHandle, 'name' | 'tempDir'>, expression: string): Promise<unknown> {
  if (handle.name !== 'firefox') throw new Error('evaluateInFirefoxParent: not a Firefox handle');
  return evaluateInParentProcess(devtoolsSocket({ TMPDIR: join(handle.tempDir, 'tmp') }), expression);
}

// Neither WebDriver BiDi nor the devtools protocol has a toolbar command, so this runs Firefox's own handler for
// the action's keyboard shortcut (_execute_browser_action / _execute_action) in the browser window, whose
// selected tab is `page`. Internal Firefox API: checked on 140 and 153 ESR, MV2 and MV3. The way in:
//   Firefox 153: BiDi browsingContext.getTree with moz:scope 'chrome' lists the browser window; evaluate there.
//   Firefox 140: that tree holds only the content about:blank (the scope is not supported), and a Marionette
//     session cannot run scripts beside puppeteer's BiDi session (one session per browser; a BiDi session has no
//     script timeouts). So: the parent process over the devtools server that launchFirefox starts on a unix socket.
async function firefoxAction(browser: Browser, extensionId: string, page: Page, socket: string): Promise<ActionVia> {
  await page.bringToFront();
  const trigger = (win: string) => `(() => {
    const win = ${win};
    if (!win) throw new Error('no browser window');
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(extensionId)});
    if (!extension) throw new Error('extension ${extensionId} is not installed');
    ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(win);
  })()`;
  const bidi = (browser as unknown as { connection: { send(method: string, params: object): Promise<any> } }).connection;
  const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const win = tree.result.contexts.find((c: { url: string }) => c.url === BROWSER_WINDOW);
  if (win) {
    const { result } = await bidi.send('script.evaluate', { expression: trigger('window'), target: { context: win.context }, awaitPromise: true });
    if (result.type === 'exception') throw new Error(`triggerAction: ${result.exceptionDetails.text}`);
    return 'bidi';
  }
  try {
    await evaluateInParentProcess(socket, trigger(`Services.wm.getMostRecentWindow('navigator:browser')`));
  } catch (error) {
    const listed = tree.result.contexts.map((c: { url: string }) => c.url).join(', ');
    throw new Error(`triggerAction: no Firefox browser window in BiDi's chrome scope (it lists: ${listed}), and over devtools: ${(error as Error).message}`);
  }
  return 'devtools';
}

const BROWSER_WINDOW = 'chrome://browser/content/browser.xhtml';

async function shutdown(browser: Browser, pid: number, cleanup: () => void): Promise<void> {
  const child = browser.process();
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  await Promise.race([browser.close().catch(() => undefined), delay(5_000)]);
  // Helpers (renderers, content processes, crash handlers) share the group: kill all of them, not just the parent.
  killGroup(pid);
  await Promise.race([exited, delay(2_000)]);
  cleanup();
  process.off('exit', cleanup);
}

function killGroup(pid: number) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Live (non-zombie) processes of a handle's process group or started with its temp folder; empty after close(). */
export function leftoverProcesses(handle: Pick<BrowserHandle, 'pid' | 'tempDir'>): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => {
      const [, pgid, stat] = line.split(/\s+/);
      return line && !stat?.startsWith('Z') && (Number(pgid) === handle.pid || line.includes(handle.tempDir));
    });
}
