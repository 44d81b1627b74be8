// Compiled, never run: connectTab()'s arguments, its port as the library types it, and that port
// where @types/chrome's chrome.runtime.Port or webextension-polyfill's Runtime.Port is expected.
/// <reference types="chrome" />
import type { Runtime } from 'webextension-polyfill';
import { connectTab, type ConnectedPort, type ErrorCode, type PortError, type TabConnectInfo } from 'webext-connect';

const port: ConnectedPort = connectTab(3);
connectTab(3, { frameId: 0 });
connectTab(3, { name: 'x', frameId: 2, documentId: 'ABC' });
connectTab(3, null);
const info: TabConnectInfo = { documentId: 'ABC' };
connectTab(3, info);
const error: PortError | null = port.error;
const code: 'NO_RECEIVER' | undefined = port.error?.code;
const codes: ErrorCode[] = ['NO_RECEIVER', 'UNSUPPORTED_OPTION'];
const returned: ConnectedPort = null as unknown as ReturnType<typeof connectTab>;

// @ts-expect-error tabId is a number
connectTab('3');
// @ts-expect-error tabId is required
connectTab();
// @ts-expect-error frameId is a number
connectTab(3, { frameId: '0' });
// @ts-expect-error runtime.connect's includeTlsChannelId is not tabs.connect's
connectTab(3, { includeTlsChannelId: true });

// Messages typed as for connect().
const typed = connectTab<{ a: number }>(3, { frameId: 0 });
typed.postMessage({ a: 1 });
// @ts-expect-error the message type parameter constrains postMessage
typed.postMessage({ a: 'x' });

// Where @types/chrome's Port or the polyfill's is expected: the port's type follows from where it goes.
function takesChrome(p: chrome.runtime.Port): string {
  return p.name;
}
function takesPolyfill(p: Runtime.Port): string {
  return p.name;
}
takesChrome(connectTab(3));
takesPolyfill(connectTab(3, { frameId: 0 }));
const chromePort: chrome.runtime.Port = connectTab(3, { name: 'c' });
const polyfillPort: Runtime.Port = connectTab(3, { documentId: 'ABC' });
const explicit = connectTab<unknown, chrome.runtime.Port>(3);
explicit.onDisconnect.hasListeners();

export { chromePort, code, codes, error, polyfillPort, returned };
