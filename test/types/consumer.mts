// Compiled, never run: the published types seen by an ES module consumer.
import { checkMessage, connect, isSupported, normalizeConnectArgs, onConnect, type ConnectedPort, type Detection, type MessageProblem, detect } from 'webext-connect';

const port: ConnectedPort = connect({ name: 'x' });
const error: Error | null = port.error;
const dropped: readonly string[] = port.droppedOptions;
connect('id', { name: 'x', includeTlsChannelId: true });
connect(null, { name: 'x' });
connect();
const found: Detection = detect();
const name: string | null = found.browser.name;
const supported: boolean = isSupported('runtime.connect', { browser: 'firefox', version: '45' });
const stop: () => void = onConnect((incoming) => incoming.postMessage(incoming.error));
normalizeConnectArgs(1, 2);
const problems: MessageProblem[] = checkMessage({ when: new Date(0) });
const where: string = problems.length ? problems[0]!.path : '';
// @ts-expect-error connectInfo.name must be a string
connect({ name: 5 });
// @ts-expect-error a typo in a feature name is a compile error
isSupported('runtime.conect');
// @ts-expect-error unknown connectInfo property
connect({ bogus: true });
export { error, dropped, name, supported, stop, where };
