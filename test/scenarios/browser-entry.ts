// Entry of the scenario bundle for real browsers (built by test/e2e/bundle.ts into an IIFE without
// eval or new Function). It defines one global, E2EScenarios; the extension's small per-context
// scripts call it with their `lib`: the `webextConnect` global (UMD) or the .mjs namespace.
// Reads its settings from globalThis.E2E_CONFIG (written into config.js by the e2e suite).
import { respond } from './responders.js';
import { runScenarios, type Env, type Lib, type Outcome, type Where } from './scenarios.js';
import { answerTabs, BARE_PAGE, TAB_FRAME_PAGE, TAB_PAGE, type OpenedTab, type TabEnv, type TabFrame } from './tab-scenarios.js';

interface Config {
  /** e.g. "http://127.0.0.1:41234" */
  origin: string;
  /** Path the main background fetches before it runs: answered once the suite has seen both backgrounds ready. */
  go: string;
  /** The world's key (chromium, firefox, chromium-structured-clone): reports say which launch they came from. */
  browser: string;
  ownId: string | null;
  otherId: string;
  missingId: string;
}

const g = globalThis as any;
const config = (): Config => g.E2E_CONFIG;

function post(data: object): Promise<unknown> {
  const { origin, browser } = config();
  return fetch(`${origin}/report`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ browser, ...data }),
  }).catch(() => undefined);
}

// Facts about the context for the report (not judged by scenarios): what the globals really are here.
function probe(): object {
  const info: Record<string, unknown> = {};
  for (const name of ['browser', 'chrome'] as const) {
    let value: any;
    try {
      value = g[name];
    } catch {
      value = undefined;
    }
    info[`typeof ${name}`] = typeof value;
    info[`${name} is an Element`] = typeof g.Element === 'function' && value instanceof g.Element;
    info[`typeof ${name}.runtime`] = value ? typeof value.runtime : 'n/a';
  }
  try {
    info['browser === chrome'] = g.browser === g.chrome;
    info['browser.runtime === chrome.runtime'] = !!g.browser && !!g.chrome && g.browser.runtime === g.chrome.runtime;
  } catch {
    // ignore
  }
  const nav = g.navigator;
  info.userAgent = nav && nav.userAgent;
  info.brands = nav && nav.userAgentData ? nav.userAgentData.brands : null;
  info.location = g.location ? String(g.location.href) : null;
  return info;
}

async function run(where: Where, lib: Lib | null, extra: Partial<Env> = {}): Promise<void> {
  const { ownId, otherId, missingId } = config();
  const env: Env = { ownId: where === 'plain-page' || where === 'web-page' ? null : ownId, otherId, missingId, loadErrors: [], ...extra };
  let outcomes: Outcome[];
  try {
    if (!lib) throw new Error('no library object in this context');
    outcomes = await runScenarios(where, lib, env);
  } catch (error) {
    outcomes = [{ name: '(runner)', error: String(error) }];
  }
  await post({ from: 'scenarios', where, outcomes, info: probe() });
}

function api(): any {
  return g.browser && g.browser.tabs ? g.browser : g.chrome;
}

// For the record: the browser's own Port after connecting to a missing extension, without the library.
function nativeMissing(ext: any): Promise<object> {
  return new Promise((resolve) => {
    const port = ext.runtime.connect(config().missingId, { name: 'native' });
    const initially = { hasError: 'error' in port, error: String(port.error), extensible: Object.isExtensible(port) };
    port.onDisconnect.addListener(() => {
      const lastError = ext.runtime.lastError;
      resolve({
        initially,
        lastError: lastError ? { message: lastError.message, isError: lastError instanceof Error } : String(lastError),
        error: port.error ? { message: port.error.message, isError: port.error instanceof Error } : String(port.error),
      });
    });
  });
}

// The background's tabs for the connectTab() scenarios: each frame's content script on tab.html
// announces itself on a runtime port named 'tab-target', whose sender gives its tab, frame and
// document ids.
function tabEnv(lib: Lib, ext: any): TabEnv {
  const frames = new Map<number, TabFrame[]>();
  const checks = new Set<() => void>();
  lib.onConnect((port) => {
    if (port.name !== 'tab-target') return;
    const sender = port.sender as { tab: { id: number }; frameId: number; documentId?: unknown };
    port.onMessage.addListener((message: { tabTarget?: string }) => {
      if (!message || !message.tabTarget) return;
      const list = frames.get(sender.tab.id) ?? [];
      list.push({ frameId: sender.frameId, documentId: typeof sender.documentId === 'string' ? sender.documentId : null, path: message.tabTarget });
      frames.set(sender.tab.id, list);
      for (const check of [...checks]) check();
    });
  });
  const ready = (tabId: number) =>
    new Promise<OpenedTab>((resolve) => {
      const check = () => {
        const list = frames.get(tabId) ?? [];
        const top = list.find((f) => f.path === TAB_PAGE);
        const frame = list.find((f) => f.path === TAB_FRAME_PAGE);
        if (!top || !frame) return;
        checks.delete(check);
        resolve({ tabId, top, frame });
      };
      checks.add(check);
      check();
    });
  let opened = 0;
  const create = async (path: string): Promise<number> => (await ext.tabs.create({ url: `${config().origin}${path}?${++opened}`, active: false })).id;
  const openNow = async () => ready(await create(TAB_PAGE));
  // The two tabs the scenarios open (one shared, one to navigate) load while the background waits
  // for the suite's go: a tab's load is set-up, not part of a scenario's time.
  const prepared = [openNow(), openNow()];
  return {
    open: () => prepared.shift() ?? openNow(),
    openBare: () => create(BARE_PAGE),
    async closed() {
      const id = await create(BARE_PAGE);
      await ext.tabs.remove(id);
      return id;
    },
  };
}

g.E2EScenarios = {
  run,
  /** Main extension's background: answer onConnect, say ready, wait for the suite's go, run, then open the module page. */
  async background(lib: Lib) {
    respond('main', lib);
    const ext = api();
    if (ext.action || ext.browserAction) (ext.action || ext.browserAction).onClicked.addListener((tab: { url?: string }) => post({ from: 'action', tabUrl: tab.url }));
    await post({ from: 'ready', role: 'main', id: lib.detect().extensionId, native: await nativeMissing(ext) });
    const tabs = tabEnv(lib, ext);
    await fetch(config().origin + config().go).catch(() => undefined);
    await run('background', lib, { tabs });
    await ext.tabs.create({ url: ext.runtime.getURL('module.html') });
  },
  /** The second extension's background: answer onConnectExternal. */
  async other(lib: Lib) {
    respond('other', lib);
    await post({ from: 'ready', role: 'other', id: lib.detect().extensionId });
  },
  /** Content scripts: the divs page or the plain test page (also reports trusted clicks for the harness check), or a frame of tab.html that connectTab() scenarios talk to. */
  async content(lib: Lib) {
    const path = String(g.location.pathname);
    if (path === TAB_PAGE || path === TAB_FRAME_PAGE) {
      answerTabs(lib, path, (to) => void (g.location.href = to));
      lib.connect({ name: 'tab-target' }).postMessage({ tabTarget: path });
      return;
    }
    const where: Where = /divs/.test(String(g.location.pathname)) ? 'content-divs' : 'content';
    g.document.addEventListener('click', (event: any) => post({ from: 'click', isTrusted: event.isTrusted, target: event.target && event.target.id }));
    await run(where, lib);
  },
};
