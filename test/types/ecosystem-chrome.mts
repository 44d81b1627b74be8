// Compiled, never run: ports from connect() and onConnect() meet @types/chrome's chrome.runtime.Port
// both ways. Its own program (see tsconfig.*.json): @types/chrome and @types/firefox-webext-browser
// both declare a global `browser`.
/// <reference types="chrome" />
import { connect, onConnect, onConnectExternal, type ConnectedPort } from 'webext-connect';

function takes(port: chrome.runtime.Port): string {
  return port.name;
}

// Ours where theirs is expected: a ConnectedPort is a chrome.runtime.Port.
takes(connect());
takes(connect('id', { name: 'x' }));
const port: chrome.runtime.Port = connect({ name: 'x' });
port.onMessage.addListener((message, from) => from.postMessage(message));
const ports: chrome.runtime.Port[] = [connect(), connect(null, { name: 'y' })];
// The corner that failed with `sender: unknown`: a port first typed as the library's.
const a = connect({ name: 'a' });
takes(a);
takes(connect<{ n: number }>());
const tabId: number | undefined = a.sender?.tab?.id;
// @ts-expect-error connect() has one type parameter, the messages': the port type is not the caller's to choose
connect<unknown, chrome.runtime.Port>();

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

// What no port event has can be named (so the port fits) but not called.
const own: ConnectedPort = connect();
takes(own);
// @ts-expect-error ConnectedPort's events have no rule methods (neither Chromium's nor Firefox's have)
own.onMessage.getRules(() => {});
// @ts-expect-error …nor hasListeners everywhere (Chromium only)
own.onDisconnect.hasListeners();
own.onDisconnect.hasListener(() => {});

export { ports, stop, tabId };
