// Compiled, never run: persistentPort<M>() types its messages like connect<M>(), its events have a
// port's shape, and it is accepted where @types/chrome's or webextension-polyfill's Port is expected.
/// <reference types="chrome" />
import type { Runtime } from 'webextension-polyfill';
import { onConnect, persistentPort, type MessageInfo, type PersistentPort, type PortEvent } from 'webext-connect';

const typed = persistentPort<{ n: number }>();
typed.postMessage({ n: 1 });
// @ts-expect-error the message type parameter constrains postMessage
typed.postMessage({ n: 'x' });
const more: boolean = typed.postMessage({ n: 2 }); // false: wait for onDrain
const waiting: number = typed.bufferedAmount;
typed.onMessage.addListener((message, port) => {
  const n: number = message.n;
  port.postMessage({ n: n + 1 });
  // @ts-expect-error the listener's port is typed alike
  port.postMessage({ n: 'y' });
});
typed.onDisconnect.addListener((port) => port.error?.code);
typed.onReconnect.addListener((port, { restarted }) => restarted && port.postMessage({ n: 0 }));
typed.onDrain.addListener((port) => port.postMessage({ n: 3 }));
const own: PersistentPort<{ n: number }> = typed;
const event: PortEvent<(port: PersistentPort<{ n: number }>) => void> = own.onDisconnect;

function takesChrome(port: chrome.runtime.Port): string {
  return port.name;
}
function takesPolyfill(port: Runtime.Port): string {
  return port.name;
}
// A persistent port is a chrome.runtime.Port; the polyfill's Port types error as never null (a
// persistent port's is null while it lives), so there an assertion takes their word, as for connect().
takesChrome(persistentPort());
// @ts-expect-error error: WebextConnectError | null is not their error's type
takesPolyfill(persistentPort({ name: 'feed' }));
takesPolyfill(persistentPort({ name: 'feed' }) as Runtime.Port);
const chromePort: chrome.runtime.Port = persistentPort({ name: 'x' });
chromePort.onMessage.addListener((message, from) => from.postMessage(message));
const polyfillPort: Runtime.Port = persistentPort() as Runtime.Port;
polyfillPort.onDisconnect.addListener((port) => port.name);

export { more, waiting, event };

// The receiving side: a persistent port's messages come with a stable id (undefined on a plain port's).
onConnect((port) => {
  port.onMessage.addListener((message, from, info) => {
    const id: string | undefined = info?.id;
    const named: MessageInfo | undefined = info;
    // @ts-expect-error info may be undefined (a plain port's message)
    const unchecked: string = info.id;
    return [message, from.name, id, named, unchecked];
  });
});
