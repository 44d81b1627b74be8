import { ConnectTypeError, describe } from '../errors.js';

/** The `connectInfo` of runtime.connect. */
export interface ConnectInfo {
  name?: string;
  includeTlsChannelId?: boolean;
}

/** connect()'s arguments resolved: fresh objects that never alias the caller's. */
export interface ConnectArgs {
  extensionId?: string;
  connectInfo?: ConnectInfo;
}

// What each connectInfo property must be, by `typeof`; undefined always means "absent".
const CONNECT_INFO_TYPES: Readonly<Record<keyof ConnectInfo, 'string' | 'boolean'>> = {
  name: 'string',
  includeTlsChannelId: 'boolean',
};

function isObjectArgument(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return true; // a revoked Proxy: readConnectInfo reports it
  }
}

function readConnectInfo(info: object): ConnectInfo {
  let keys: string[];
  try {
    keys = Object.keys(info);
  } catch (error) {
    throw new ConnectTypeError('connectInfo', 'a readable object', `one that threw on reading its keys (${errorText(error)})`);
  }
  const result: ConnectInfo = {};
  for (const key of keys) {
    const expected = Object.prototype.hasOwnProperty.call(CONNECT_INFO_TYPES, key)
      ? CONNECT_INFO_TYPES[key as keyof ConnectInfo]
      : undefined;
    if (!expected) {
      const shown = key.length > 40 ? `a property named by a string of length ${key.length}` : `property '${key}'`;
      throw new ConnectTypeError('connectInfo', 'only the properties name and includeTlsChannelId', shown);
    }
    let value: unknown;
    try {
      value = (info as Record<string, unknown>)[key];
    } catch (error) {
      throw new ConnectTypeError(`connectInfo.${key}`, `a ${expected}`, `a getter that threw (${errorText(error)})`);
    }
    if (value === undefined) continue;
    if (typeof value !== expected) throw new ConnectTypeError(`connectInfo.${key}`, `a ${expected}`, describe(value));
    (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

function errorText(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? readMessage(error) : undefined;
  return typeof message === 'string' ? message.slice(0, 80) : describe(error);
}

function readMessage(error: object): unknown {
  try {
    return (error as { message?: unknown }).message;
  } catch {
    return undefined;
  }
}

function resolveId(id: unknown): string | undefined {
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'string' && id !== '') return id;
  throw new ConnectTypeError('extensionId', 'a non-empty string (or a connectInfo object in its place)', describe(id));
}

/**
 * Resolves runtime.connect's optional arguments exactly as Chromium does, or throws a ConnectTypeError.
 * Pure: reads each of the caller's properties once, changes nothing and returns fresh objects.
 */
export function normalizeConnectArgs(...args: unknown[]): ConnectArgs {
  if (args.length > 2) throw new ConnectTypeError('arguments', 'at most 2 arguments', `${args.length} arguments`);
  let [first, second] = args;
  // A lone object (or one followed by nothing) is connectInfo, as in Chromium's signature matching.
  if (isObjectArgument(first) && (second === undefined || second === null)) [first, second] = [undefined, first];
  const result: ConnectArgs = {};
  const extensionId = resolveId(first);
  if (extensionId !== undefined) result.extensionId = extensionId;
  if (second === undefined || second === null) return result;
  if (!isObjectArgument(second)) throw new ConnectTypeError('connectInfo', 'an object', describe(second));
  result.connectInfo = readConnectInfo(second);
  return result;
}
