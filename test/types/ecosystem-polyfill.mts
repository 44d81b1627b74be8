// Compiled, never run: ports from connect() and onConnect() meet webextension-polyfill's Runtime.Port
// (@types/webextension-polyfill) both ways.
import type { Runtime } from 'webextension-polyfill';
import { connect, onConnect, onConnectExternal } from 'webext-connect';

function takes(port: Runtime.Port): string {
  return port.name;
}

// Ours where theirs is expected.
takes(connect());
takes(connect('id', { name: 'x' }));
const port: Runtime.Port = connect({ name: 'x' });
port.onMessage.addListener((message: unknown) => port.postMessage(message));
const explicit = connect<unknown, Runtime.Port>();

// Theirs where ours is expected.
const stop: () => void = onConnect((incoming: Runtime.Port) => {
  takes(incoming);
  return incoming.sender?.tab?.id;
});
onConnectExternal((incoming: Runtime.Port) => takes(incoming));

export { explicit, stop };
