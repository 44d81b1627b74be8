import type { ConnectedPort } from '../native/port.js';
import type { UncallableEventMethods } from '../types.js';
import { createEvent } from './event.js';
import { control, controlOf, MARK } from './protocol.js';

// Per runtime (one per background lifetime: a restarted worker or page has a new one), per sending
// session, the sequence number of the next message not yet delivered: "once per background lifetime".
const lifetimes = new WeakMap<object, Map<string, number>>();

// A port whose native name carries the mark becomes one with the caller's name that says hello,
// delivers each message once per background lifetime and in order, acknowledges what it delivered,
// and whose disconnect() tells the sender the conversation is over; any other port stays as it is.
/** The receiving side of persistentPort(), called by onConnect() for every port it receives. */
export function acceptPort(port: ConnectedPort, runtime: object): ConnectedPort {
  const at = port.name.indexOf(MARK);
  if (at < 0) return port;
  const [session = '', first] = port.name.slice(at + MARK.length).split(':');
  let seq = Number(first);
  let delivered = lifetimes.get(runtime);
  if (!delivered) lifetimes.set(runtime, (delivered = new Map()));
  if (!delivered.has(session)) delivered.set(session, seq);
  const onMessage = createEvent<(message: any, port: ConnectedPort) => void>();
  const onDisconnect = createEvent<(port: ConnectedPort) => void>();
  let acking: ReturnType<typeof setTimeout> | 0 = 0;
  const send = (kind: string) => {
    try {
      port.postMessage(control(kind, delivered.get(session)));
    } catch {
      // The port is gone: the sender resends whatever this acknowledgement would have covered.
    }
  };
  const wrapper: ConnectedPort = {
    name: port.name.slice(0, at),
    sender: port.sender,
    get error() {
      return port.error;
    },
    droppedOptions: port.droppedOptions,
    postMessage: (message: unknown) => port.postMessage(message),
    disconnect() {
      send('end');
      port.disconnect();
    },
    // The methods a ConnectedPort's events declare uncallable are absent here, as on a native port.
    onMessage: onMessage as typeof onMessage & UncallableEventMethods,
    onDisconnect: onDisconnect as typeof onDisconnect & UncallableEventMethods,
  };
  port.onMessage.addListener((message: unknown) => {
    const command = controlOf(message);
    if (command) {
      if (command.k === 'end') delivered.delete(session);
      return;
    }
    // A port delivers in order, so the n-th user message on it carries sequence number first + n.
    if (seq++ < delivered.get(session)!) return;
    delivered.set(session, seq);
    // One acknowledgement per task, however many messages the task delivered.
    acking ||= setTimeout(() => {
      acking = 0;
      send('ack');
    });
    onMessage.emit(message, wrapper);
  });
  port.onDisconnect.addListener(() => onDisconnect.emit(wrapper));
  send('hello');
  return wrapper;
}
