// `npm run demo`: builds the example extension, runs it in headless Chromium and Firefox (the
// background answers the page's port and opens one of its own to the page with connectTab), clicks the
// page and the toolbar button, presses a key (the persistent port) and Enter (a request on it), stops
// the background (Chromium: the service worker by CDP; Firefox: the event page suspends after a short
// idle timeout), clicks, presses Enter (the request wakes a new background, which answers it) and a
// key again, and prints each browser's conversation with what webext-connect detected there. Exits 1 when an expected message is missing or no browser is installed.
//
// runDemo(browser) is the core, for tests: one browser, one launch, a result object, nothing printed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  findBrowsers,
  launchChromium,
  launchFirefox,
  suspendFirefoxBackground,
  startReportServer,
  stopServiceWorker,
  type BrowserHandle,
  type Report,
  type ReportServer,
} from '../harness/index.js';
import { buildAll, buildExample, type ExampleBrowser } from './build.js';

/** Who said something: the extension's two sides, or the demo driving the browser. */
export type Speaker = 'content' | 'background' | 'demo';

/** One line of the conversation, as the extension logged it (t: ms since the Unix epoch, sub-ms precision). */
export interface ConversationEntry {
  who: Speaker;
  what: 'sent' | 'received' | 'note';
  text: string;
  t: number;
}

/** What detect() returned in one context (its `api` left out: it is the namespace object). */
export interface Detected {
  namespace: 'browser' | 'chrome' | null;
  promises: boolean;
  browser: { name: string | null; version: string | null };
  extensionId: string | null;
}

/** isSupported(feature) and probeSupport() for the running browser, in one context. */
export interface Compat {
  isSupported: Record<string, boolean>;
  probeSupport: Record<string, { table: boolean; live: boolean | null }>;
}

export interface DemoResult {
  browser: ExampleBrowser;
  /** The browser's own version string, e.g. "Chrome/156.0.8078.79" or "firefox/153.7.0". */
  version: string;
  /** Every logged line, in time order, with the demo's page and button clicks among them. */
  conversation: ConversationEntry[];
  detected: { content?: Detected; background?: Detected };
  compat: { content?: Compat; background?: Compat };
  /** Expected lines that never came, as "who what: text". */
  missing: string[];
  /** The content script's line for the reply to the request it made after the background stopped (REQUEST_REPLY when the new background answered it), if any came. */
  replyAfterStop: string | undefined;
  /** Things the demo could not do here (e.g. press the toolbar button), with the reason. */
  skipped: string[];
  /** True when every expected line came and both sides reported their environment. */
  ok: boolean;
  ms: number;
}

export interface DemoOptions {
  /** The browser binary; default: what findBrowsers() finds. */
  executable?: string;
  /** How long to wait for each step's messages. Default 10 s. */
  stepTimeoutMs?: number;
}

/** The content script's line for the reply to the request "count" from a background that answered no request before it. */
export const REQUEST_REPLY = 'reply to "count": request 1 this background answered';
const REPLY = (greeting: string) => `In background script, received message from content script: ${greeting}`;
type Expected = Pick<ConversationEntry, 'who' | 'what' | 'text'>;
const line = (who: Speaker, what: ConversationEntry['what'], text: string): Expected => ({ who, what, text });

// What each step must produce, in the order it happens.
const STEPS = {
  load: [
    line('content', 'sent', 'hello from content script'),
    line('background', 'received', 'hello from content script'),
    line('background', 'sent', 'hi there content script!'),
    line('content', 'received', 'hi there content script!'),
    line('content', 'received', REPLY('hello from content script')),
    // The background's own port to the tab (connectTab), answered by the content script's onConnect().
    line('background', 'sent', 'hello, tab! (tab port)'),
    line('content', 'received', 'hello, tab! (tab port)'),
    line('content', 'sent', 'the content script answers on "from-background" (tab port)'),
    line('background', 'received', 'the content script answers on "from-background" (tab port)'),
  ],
  pageClick: [
    line('content', 'sent', 'they clicked the page!'),
    line('background', 'received', 'they clicked the page!'),
    line('content', 'received', REPLY('they clicked the page!')),
  ],
  actionClick: [line('background', 'sent', 'they clicked the button!'), line('content', 'received', 'they clicked the button!')],
  keyA: pressed('a'),
  requestBeforeStop: asked(),
  // The background goes away: the plain port disconnects without an error.
  stopped: [line('content', 'note', 'disconnected')],
  clickAfterStop: [
    line('content', 'sent', 'they clicked the page!'),
    line('content', 'note', 'plain port: PORT_DISCONNECTED: webext-connect: port.postMessage(): the port is disconnected.'),
  ],
  // The request reopens the persistent port; the new background answers it (its count starts again at 1).
  requestAfterStop: [line('content', 'note', 'persistent port: reconnected to a restarted background'), ...asked()],
  keyAfterStop: pressed('b'),
};

// The order the steps come in, for `missing`.
const ORDER = ['load', 'pageClick', 'actionClick', 'keyA', 'requestBeforeStop', 'stopped', 'clickAfterStop', 'requestAfterStop', 'keyAfterStop'] as const;

// Pressing `key` sends over the persistent port and the background answers.
function pressed(key: string): Expected[] {
  const greeting = `they pressed "${key}"`;
  return [
    line('content', 'sent', `${greeting} (persistent port)`),
    line('background', 'received', `${greeting} (persistent port)`),
    line('background', 'sent', `the background answers: ${greeting}`),
    line('content', 'received', `the background answers: ${greeting}`),
  ];
}

// Pressing Enter sends the request "count"; the background answers with how many requests it answered.
function asked(): Expected[] {
  return [
    line('content', 'sent', 'request "count" (they pressed Enter)'),
    line('background', 'received', 'request "count" (they pressed Enter)'),
    line('content', 'received', REQUEST_REPLY),
  ];
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>webext-connect example</title>
<main style="min-height: 90vh">
  <h1>webext-connect example</h1>
  <p id="click-me">The example's content script runs here. Click anywhere in the page, or the extension's toolbar button.</p>
</main>
`;

const now = () => performance.timeOrigin + performance.now();
const same = (a: Expected) => (b: Report) => b.kind === 'log' && b.who === a.who && b.what === a.what && b.text === a.text;

/** Runs the example in one browser and returns its conversation; always closes the browser. */
export async function runDemo(browser: ExampleBrowser, options: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const executable = options.executable ?? findBrowsers()[browser];
  if (!executable) throw new Error(findBrowsers().missing ?? `${browser} not found`);
  const timeout = options.stepTimeoutMs ?? 10_000;
  const driver: ConversationEntry[] = [];
  const skipped: string[] = [];
  let server: ReportServer | undefined;
  let handle: BrowserHandle | undefined;
  let extDir: string | undefined;
  let version = '';

  // Waits until every line of a step arrived (or the timeout passed; what is missing shows in `missing`).
  const step = (expected: Expected[]) =>
    Promise.all(expected.map((e) => server!.waitFor(same(e), timeout).catch(() => undefined)));
  const act = async (text: string, action: () => Promise<void>) => {
    driver.push({ who: 'demo', what: 'note', text, t: now() });
    await action();
  };

  try {
    server = await startReportServer({ routes: { '/': PAGE } });
    extDir = await buildExample(browser, await mkdtemp(join(tmpdir(), `webext-connect-example-${browser}-`)), { report: `${server.origin}/report` });
    const launch = browser === 'chromium' ? launchChromium : launchFirefox;
    handle = await launch({ executable, extensions: [extDir], url: `${server.origin}/` });
    version = handle.version;

    await step(STEPS.load);
    await act('clicks the page', () => handle!.page.click('#click-me'));
    await step(STEPS.pageClick);
    try {
      await act('clicks the toolbar button', () => handle!.triggerAction(handle!.extensionIds[0]!));
      await step(STEPS.actionClick);
    } catch (error) {
      skipped.push(`toolbar button: ${error instanceof Error ? error.message : String(error)}`);
    }
    await act('presses "a"', () => handle!.page.keyboard.press('a'));
    await step(STEPS.keyA);
    await act('presses Enter (a request)', () => handle!.page.keyboard.press('Enter'));
    await step(STEPS.requestBeforeStop);
    if (browser === 'chromium') await act('stops the service worker (CDP Target.closeTarget)', () => stopServiceWorker(handle!, handle!.extensionIds[0]!));
    // Firefox: the event page's default idle timeout (30 s) never runs out during the demo; the demo suspends it here
    // as that timeout would. (A short idle timeout pref made it suspend between earlier steps on a loaded machine.)
    else await act('suspends the event page, as its idle timeout does (terminateBackground)', () => suspendFirefoxBackground(handle!, handle!.extensionIds[0]!));
    await step(STEPS.stopped);
    await act('clicks the page', () => handle!.page.click('#click-me'));
    await step(STEPS.clickAfterStop);
    await act('presses Enter (a request, with the background stopped)', () => handle!.page.keyboard.press('Enter'));
    await step(STEPS.requestAfterStop);
    await act('presses "b"', () => handle!.page.keyboard.press('b'));
    await step(STEPS.keyAfterStop);
    const environment = (who: Speaker) => server!.waitFor((r) => r.kind === 'environment' && r.who === who, timeout).catch(() => undefined);
    await Promise.all([environment('content'), environment('background')]);
  } finally {
    await handle?.close();
    await server?.close();
    if (extDir) await rm(extDir, { recursive: true, force: true });
  }

  const reports = server.reports;
  const conversation = [
    ...reports.filter((r) => r.kind === 'log').map((r) => ({ who: r.who, what: r.what, text: r.text, t: r.t }) as ConversationEntry),
    ...driver,
  ].sort((a, b) => a.t - b.t);
  const env = (who: Speaker) => reports.find((r) => r.kind === 'environment' && r.who === who);
  const detected: DemoResult['detected'] = {};
  const compat: DemoResult['compat'] = {};
  for (const who of ['content', 'background'] as const) {
    const r = env(who);
    if (r) {
      detected[who] = r.detected;
      compat[who] = { isSupported: r.isSupported, probeSupport: r.probeSupport };
    }
  }
  const expected = ORDER.flatMap((name) => (name === 'actionClick' && skipped.length ? [] : STEPS[name]));
  const stoppedAt = reports.find(same(STEPS.stopped[0]!))?.t ?? Infinity;
  const replyAfterStop = reports.find((r) => r.kind === 'log' && r.who === 'content' && r.t > stoppedAt && String(r.text).startsWith('reply to "count"'))?.text;
  const missing = expected.filter((e) => !reports.some(same(e))).map((e) => `${e.who} ${e.what}: ${e.text}`);
  for (const who of ['content', 'background'] as const) if (!detected[who]) missing.push(`${who} environment report`);
  return { browser, version, conversation, detected, compat, missing, replyAfterStop, skipped, ok: missing.length === 0, ms: Date.now() - started };
}

const LABEL: Record<ExampleBrowser, string> = {
  chromium: 'Chromium: MV3, module service worker background (webext-connect.mjs), content script with webext-connect.umd.js',
  firefox: 'Firefox: MV2, event page ("persistent": false) and content script with webext-connect.umd.js',
};

const yesNo = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');

/** The printable report of one browser's run. */
export function formatResult(result: DemoResult): string {
  const out: string[] = [`== ${result.version || result.browser} — ${LABEL[result.browser]}`];
  const t0 = result.conversation[0]?.t ?? 0;
  for (const e of result.conversation) {
    const at = `${Math.round(e.t - t0)} ms`.padStart(8);
    out.push(e.who === 'demo' ? `${at}  -- the demo ${e.text}` : `${at}  ${e.who.padEnd(10)} ${e.what.padEnd(8)} ${e.text}`);
  }
  for (const who of ['content', 'background'] as const) {
    const d = result.detected[who];
    if (!d) continue;
    out.push(
      `  detect() in the ${who}: namespace ${d.namespace}, promises ${d.promises}, browser ${d.browser.name} ${d.browser.version}, extensionId ${d.extensionId}`,
    );
  }
  const compat = result.compat.content ?? result.compat.background;
  if (compat) {
    out.push('  compat for this browser (isSupported | probeSupport table/live in content, background):');
    for (const feature of Object.keys(compat.isSupported)) {
      const probe = (c: Compat | undefined) => (c ? `${yesNo(c.probeSupport[feature]!.table)}/${yesNo(c.probeSupport[feature]!.live)}` : '-');
      out.push(
        `    ${feature.padEnd(48)} ${yesNo(compat.isSupported[feature]!).padEnd(3)} | ${probe(result.compat.content)}, ${probe(result.compat.background)}`,
      );
    }
  }
  for (const s of result.skipped) out.push(`  skipped: ${s}`);
  for (const m of result.missing) out.push(`  MISSING: ${m}`);
  out.push(`  ${result.ok ? 'ok' : 'FAILED'}: ${result.conversation.filter((e) => e.who !== 'demo').length} lines in ${(result.ms / 1000).toFixed(1)} s`);
  return out.join('\n');
}

async function main(): Promise<number> {
  const found = findBrowsers();
  const browsers = (['chromium', 'firefox'] as const).filter((b) => found[b]);
  if (found.missing) console.log(found.missing);
  if (!browsers.length) return 1;

  let ok = true;
  for (const browser of browsers) {
    try {
      const result = await runDemo(browser, { executable: found[browser]! });
      console.log(`${formatResult(result)}\n`);
      ok &&= result.ok;
    } catch (error) {
      console.log(`== ${browser}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      ok = false;
    }
  }
  const dirs = await buildAll();
  console.log(
    `To load the example by hand (see examples/README.md): ${Object.values(dirs)
      .map((d) => relative(process.cwd(), d))
      .join(', ')}`,
  );
  return ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // No top-level await: mocha's require() of this file (Node 20's require(esm), through tsx) refuses it.
  void main().then((code) => {
    process.exitCode = code;
  });
}
