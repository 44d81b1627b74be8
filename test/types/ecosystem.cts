// Compiled, never run: the CommonJS declarations meet the ecosystem's Port types both ways too.
/// <reference types="chrome" />
import type { Runtime } from 'webextension-polyfill';
import webextConnect = require('webext-connect');

function takesChrome(port: chrome.runtime.Port): string {
  return port.name;
}
function takesPolyfill(port: Runtime.Port): string {
  return port.name;
}
const port = webextConnect.connect();
takesChrome(port);
// @ts-expect-error the polyfill's Port types error as never null; a live Firefox port's is null
takesPolyfill(port);
takesPolyfill(webextConnect.connect({ name: 'x' }) as Runtime.Port);
webextConnect.onConnect((incoming: chrome.runtime.Port) => takesChrome(incoming));
webextConnect.onConnectExternal((incoming) => takesPolyfill(incoming as Runtime.Port));
const typed = webextConnect.connect<{ a: number }>();
// @ts-expect-error the message type parameter constrains postMessage
typed.postMessage({ a: 'x' });
export = typed;
