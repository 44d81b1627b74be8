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
  const result: ConnectInfo = {};
  let keys: string[];
  try {
    keys = Object.keys(info);
  } catch {
    throw new ConnectTypeError('connectInfo', 'a readable object', 'one that threw');
  }
  for (const key of keys) {
    const expected = Object.prototype.hasOwnProperty.call(CONNECT_INFO_TYPES, key) ? CONNECT_INFO_TYPES[key as keyof ConnectInfo] : '';
    if (!expected) throw new ConnectTypeError('connectInfo', 'only name and includeTlsChannelId', `property '${key.slice(0, 40)}'`);
    let value: unknown;
    try {
      value = (info as Record<string, unknown>)[key];
    } catch {
      throw new ConnectTypeError(`connectInfo.${key}`, `a ${expected}`, 'a getter that threw');
    }
    if (value === undefined) continue;
    if (typeof value !== expected) throw new ConnectTypeError(`connectInfo.${key}`, `a ${expected}`, describe(value));
    (result as Record<string, unknown>)[key] = value;
  }
  return result;
}

/**
 * Resolves runtime.connect's optional arguments exactly as Chromium does, or throws a ConnectTypeError.
 * Pure: reads each of the caller's properties once, changes nothing and returns fresh objects.
 */
export function normalizeConnectArgs(...args: unknown[]): ConnectArgs {
  if (args.length > 2) throw new ConnectTypeError('arguments', 'at most 2', `${args.length}`);
  let [id, info] = args;
  // A lone object (or one followed by nothing) is connectInfo, as in Chromium's signature matching.
  if (isObjectArgument(id) && info == null) [id, info] = [undefined, id];
  const result: ConnectArgs = {};
  if (id != null) {
    if (typeof id !== 'string' || !id) throw new ConnectTypeError('extensionId', 'a non-empty string', describe(id));
    result.extensionId = id;
  }
  if (info != null) {
    if (!isObjectArgument(info)) throw new ConnectTypeError('connectInfo', 'an object', describe(info));
    result.connectInfo = readConnectInfo(info);
  }
  return result;
}
