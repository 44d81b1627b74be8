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

// One way to tell the library's errors from others; its code narrows to the library's codes.
import { isWebextConnectError, type ErrorCode, type FeatureName, type MessageSender } from 'webext-connect';
function codeOf(error: unknown): ErrorCode | undefined {
  return isWebextConnectError(error) ? error.code : undefined;
}
// @ts-expect-error an unknown value has no code until the guard says it is the library's
const unguarded: ErrorCode = (new Error('x') as unknown).code;
// FeatureName is a plain union of the table's names.
const feature: FeatureName = 'runtime.Port.error';
// @ts-expect-error …and nothing else
const notAFeature: FeatureName = 'runtime.Port';
const sender: MessageSender | undefined = port.sender;
const frame: number | undefined = sender?.frameId;
export { codeOf, unguarded, feature, notAFeature, frame };

// Internals are not part of the published types.
// @ts-expect-error not exported
import type { NativeRuntime } from 'webext-connect';
// @ts-expect-error not exported
import type { ExtensionApi } from 'webext-connect';
// @ts-expect-error not exported
import type { PortLike } from 'webext-connect';
// @ts-expect-error not exported
import { BEFORE_SAFARI } from 'webext-connect';
export type { NativeRuntime, ExtensionApi, PortLike };
export { BEFORE_SAFARI };
