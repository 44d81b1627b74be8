// Stopping an extension's background on purpose, as the browsers do when it idles
// (shared/notes/ports.md, section 5), so tests and the demo need not wait out real timeouts.
import { evaluateInFirefoxParent, type BrowserHandle } from './launch.js';

/** Firefox prefs that make an event page (MV3, or MV2 with "persistent": false) suspend after `ms` idle. */
export const idleTimeoutPrefs = (ms: number) => ({ 'extensions.background.idle.timeout': ms });

/**
 * Chromium: stops the extension's service worker at once with CDP Target.closeTarget on its target;
 * ports to it disconnect without an error, as after the 30 s idle stop. Throws when there is none.
 */
export async function stopServiceWorker(handle: BrowserHandle, extensionId: string): Promise<void> {
  const cdp = await handle.browser.target().createCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!worker) throw new Error(`no running service worker of extension ${extensionId}`);
    await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    // closeTarget returns at once, but a worker busy in a task stops only when it ends (ports.md, 3b):
    // wait until its target is gone, so what the caller does next meets a stopped worker.
    const until = Date.now() + 5000;
    for (;;) {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string }> };
      if (!now.some((t) => t.targetId === worker.targetId)) break;
      if (Date.now() > until) throw new Error(`the service worker of extension ${extensionId} was still running 5 s after Target.closeTarget`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await cdp.detach();
  }
}

// Parent-process code that binds `extension` to the installed extension with this id, or throws.
function findExtension(extensionId: string): string {
  return `const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(extensionId)});
      if (!extension) throw new Error('extension ${extensionId} is not installed');`;
}

/** Firefox: an extension's background state as the parent process knows it: 'starting', 'running', 'suspending' or 'stopped'. */
export async function firefoxBackgroundState(handle: BrowserHandle, extensionId: string): Promise<string> {
  const state = await evaluateInFirefoxParent(
    handle,
    `(() => {
      ${findExtension(extensionId)}
      return String(extension.backgroundState);
    })()`,
  );
  return String(state);
}

/**
 * Firefox: resolves once the extension's event page has been suspended (state 'stopped'), polling every 50 ms;
 * rejects after timeoutMs with the last state seen. Needs a short extensions.background.idle.timeout.
 */
export async function waitForFirefoxSuspended(handle: BrowserHandle, extensionId: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (let state = ''; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    state = await firefoxBackgroundState(handle, extensionId);
    if (state === 'stopped') return;
    if (Date.now() > until) throw new Error(`the event page of ${extensionId} was not suspended within ${timeoutMs} ms (state ${state})`);
  }
}

/**
 * Firefox: suspends the extension's event page the way its idle timeout does (the idle timer's own call,
 * extension.terminateBackground(): runtime.onSuspend, then the page goes and its ports disconnect without
 * an error) and resolves once it is stopped (with `wait: false`, once the suspension has begun: a port
 * that reconnects at once restarts the page before a poll could see it stopped). Throws when it is not running.
 */
export async function suspendFirefoxBackground(handle: BrowserHandle, extensionId: string, { wait = true } = {}): Promise<void> {
  const state = await evaluateInFirefoxParent(
    handle,
    `(() => {
      ${findExtension(extensionId)}
      const state = String(extension.backgroundState);
      if (state === 'running') extension.terminateBackground();
      return state;
    })()`,
  );
  if (state !== 'running') throw new Error(`suspendFirefoxBackground: the event page of ${extensionId} is ${String(state)}, not running`);
  if (wait) await waitForFirefoxSuspended(handle, extensionId);
}
