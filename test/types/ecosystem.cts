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
takesChrome(webextConnect.connect());
takesPolyfill(webextConnect.connect({ name: 'x' }));
webextConnect.onConnect((port: chrome.runtime.Port) => takesChrome(port));
webextConnect.onConnectExternal((port: Runtime.Port) => takesPolyfill(port));
const typed = webextConnect.connect<{ a: number }>();
// @ts-expect-error the message type parameter constrains postMessage
typed.postMessage({ a: 'x' });
export = typed;
