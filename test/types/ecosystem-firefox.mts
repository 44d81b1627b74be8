// Compiled, never run: ports from connect() and onConnect() meet @types/firefox-webext-browser's
// browser.runtime.Port both ways. Its own program: it and @types/chrome both declare a global `browser`.
/// <reference types="firefox-webext-browser" />
import { connect, onConnect, onConnectExternal } from 'webext-connect';

function takes(port: browser.runtime.Port): string {
  return port.name;
}

// Ours where theirs is expected.
takes(connect());
takes(connect('id', { name: 'x' }));
const port: browser.runtime.Port = connect({ name: 'x' });
port.onDisconnect.addListener((p) => p.error?.message);
const explicit = connect<unknown, browser.runtime.Port>();

// Theirs where ours is expected.
const stop: () => void = onConnect((incoming: browser.runtime.Port) => {
  takes(incoming);
  const url: string | undefined = incoming.sender?.url;
  return url;
});
onConnectExternal((incoming: browser.runtime.Port) => takes(incoming));

export { explicit, stop };
