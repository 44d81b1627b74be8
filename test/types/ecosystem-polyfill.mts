// Compiled, never run: ports from connect() and onConnect() meet webextension-polyfill's Runtime.Port
// (@types/webextension-polyfill) both ways.
import type { Runtime } from 'webextension-polyfill';
import { connect, onConnect, onConnectExternal } from 'webext-connect';

function takes(port: Runtime.Port): string {
  return port.name;
}

// Theirs types `error` as never null, while a live Firefox port's is null: a ConnectedPort
// (error: Error | null) is not theirs without an assertion, which says the caller accepts that.
const a = connect({ name: 'a' });
// @ts-expect-error error: Error | null is not their error's type
takes(a);
takes(a as Runtime.Port);
const port: Runtime.Port = connect({ name: 'x' }) as Runtime.Port;
takes(connect<{ n: number }>() as Runtime.Port);
// @ts-expect-error connect() has one type parameter, the messages'
connect<unknown, Runtime.Port>();

// Listeners get a ConnectedPort; one that wants theirs asserts it.
// @ts-expect-error a listener typed with their Port
onConnect((incoming: Runtime.Port) => takes(incoming));
const stop: () => void = onConnect((incoming) => takes(incoming as Runtime.Port));
onConnectExternal((incoming) => {
  const url: string | undefined = incoming.sender?.url;
  return url;
});

export { port, stop };
