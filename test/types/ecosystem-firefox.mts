// Compiled, never run: ports from connect() and onConnect() meet @types/firefox-webext-browser's
// browser.runtime.Port both ways. Its own program: it and @types/chrome both declare a global `browser`.
/// <reference types="firefox-webext-browser" />
import { connect, onConnect, onConnectExternal } from 'webext-connect';

function takes(port: browser.runtime.Port): string {
  return port.name;
}

// Theirs types `error` as never null, while a live Firefox port's is null: a ConnectedPort
// (error: Error | null) is not theirs without an assertion, which says the caller accepts that.
const a = connect({ name: 'a' });
// @ts-expect-error error: Error | null is not their error's type
takes(a);
takes(a as browser.runtime.Port);
const port: browser.runtime.Port = connect({ name: 'x' }) as browser.runtime.Port;
takes(connect<{ n: number }>() as browser.runtime.Port);
// @ts-expect-error connect() has one type parameter, the messages'
connect<unknown, browser.runtime.Port>();

// Listeners get a ConnectedPort; one that wants theirs asserts it.
// @ts-expect-error a listener typed with their Port
onConnect((incoming: browser.runtime.Port) => takes(incoming));
const stop: () => void = onConnect((incoming) => takes(incoming as browser.runtime.Port));
onConnectExternal((incoming) => {
  const url: string | undefined = incoming.sender?.url;
  return url;
});

export { port, stop };
