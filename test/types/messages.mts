// Compiled, never run: the message type parameter constrains what a port sends and receives, and
// leaving it out keeps the permissive `any` of before.
import { connect, onConnect, onConnectExternal, type ConnectedPort, type ConnectListener } from 'webext-connect';

interface Ping {
  a: number;
}

const typed = connect<Ping>({ name: 'x' });
typed.postMessage({ a: 1 });
// @ts-expect-error the message type parameter constrains postMessage
typed.postMessage({ a: 'x' });
// @ts-expect-error …and a missing property
typed.postMessage({});
typed.onMessage.addListener((message, from) => {
  const a: number = message.a;
  from.postMessage({ a });
  // @ts-expect-error received messages are typed as well
  message.b;
  // @ts-expect-error …and so is the port the listener gets
  from.postMessage('text');
});
typed.onDisconnect.addListener((p) => {
  // @ts-expect-error the port onDisconnect hands over keeps the message type
  p.postMessage(1);
});
// @ts-expect-error a listener expecting another message type
typed.onMessage.addListener((message: string) => message);

const annotated: ConnectedPort<Ping> = connect('id');
// @ts-expect-error the type annotated where the port goes constrains it too
annotated.postMessage({ a: 'x' });

onConnect<Ping>((incoming) => {
  incoming.postMessage({ a: 2 });
  // @ts-expect-error the message type parameter of onConnect
  incoming.postMessage({ a: 'x' });
});
onConnectExternal<Ping>((incoming) => {
  // @ts-expect-error the message type parameter of onConnectExternal
  incoming.postMessage({ a: 'x' });
});
const listener: ConnectListener<Ping> = (incoming) => incoming.postMessage({ a: 3 });
onConnect(listener);
// @ts-expect-error a listener for ports of one message type cannot post another
onConnect<Ping>((incoming: ConnectedPort<string>) => incoming.postMessage('x'));

// Without a type argument, messages are `any`, as before.
const loose = connect();
loose.postMessage({ anything: [1, 'two'] });
loose.postMessage(undefined);
loose.onMessage.addListener((message) => message.whatever.goes);
onConnect((incoming) => incoming.onMessage.addListener((message) => incoming.postMessage(message.x)));
const error: Error | null = loose.error;

// The port type is checked to be a Port.
// @ts-expect-error a number is not a port
const notAPort: number = connect();
// @ts-expect-error nor is a listener taking a string
onConnect((incoming: string) => incoming);
// A listener that needs less than a Port still takes one.
onConnect((incoming: { name: string }) => incoming.name);

// Type queries read the overloads that return the library's own port, as before.
const queried: ReturnType<typeof connect> = connect();
const queriedError: Error | null = queried.error;

export { annotated, error, notAPort, queriedError };
