// Compiled, never run: ports from connect() and onConnect() meet @types/chrome's chrome.runtime.Port
// both ways. Its own program (see tsconfig.*.json): @types/chrome and @types/firefox-webext-browser
// both declare a global `browser`.
/// <reference types="chrome" />
import { connect, onConnect, onConnectExternal, type ConnectedPort } from 'webext-connect';

function takes(port: chrome.runtime.Port): string {
  return port.name;
}

// Ours where theirs is expected: the port type follows from where the port goes.
takes(connect());
takes(connect('id', { name: 'x' }));
const port: chrome.runtime.Port = connect({ name: 'x' });
port.onMessage.addListener((message, from) => from.postMessage(message));
const ports: chrome.runtime.Port[] = [connect(), connect(null, { name: 'y' })];
const explicit = connect<unknown, chrome.runtime.Port>();
explicit.onDisconnect.hasListeners();

// Theirs where ours is expected: listeners typed with their Port.
const stop: () => void = onConnect((incoming: chrome.runtime.Port) => {
  takes(incoming);
  incoming.onMessage.addListener((message) => incoming.postMessage(message));
  const tabId: number | undefined = incoming.sender?.tab?.id;
  return tabId;
});
onConnectExternal((incoming: chrome.runtime.Port) => takes(incoming));
function listener(incoming: chrome.runtime.Port): void {
  takes(incoming);
}
onConnect(listener);

// The library's own type stays what every browser has: Chromium's rule methods are not claimed.
const own: ConnectedPort = connect();
// @ts-expect-error ConnectedPort's events have no rule methods (Firefox's have none)
own.onMessage.getRules();
// @ts-expect-error a ConnectedPort already typed as the library's is not a chrome.runtime.Port
takes(own);

export { ports, stop };
