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

/** What one connectInfo property must be: how the error names it, and the test it must pass. */
export type InfoRule = readonly [expected: string, test: (value: unknown) => boolean];

/** An InfoRule test: `typeof value === type`. */
export const isType = (type: string) => (value: unknown) => typeof value === type;

// What each connectInfo property must be; undefined always means "absent".
const CONNECT_INFO_RULES: Readonly<Record<keyof ConnectInfo, InfoRule>> = {
  name: ['a string', isType('string')],
  includeTlsChannelId: ['a boolean', isType('boolean')],
};

function isObjectArgument(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return true; // a revoked Proxy: readInfo reports it
  }
}

/**
 * `info` as a fresh object holding the properties `rules` names, each read once and checked, or a
 * ConnectTypeError naming `call`: not an object, a property `rules` does not name, a value that fails.
 */
export function readInfo<T>(info: unknown, rules: Readonly<Record<string, InfoRule>>, call?: string): T {
  if (!isObjectArgument(info)) throw new ConnectTypeError('connectInfo', 'an object', describe(info), call);
  const result: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(info);
  } catch {
    throw new ConnectTypeError('connectInfo', 'a readable object', 'one that threw', call);
  }
  const names = Object.keys(rules);
  for (const key of keys) {
    const rule = Object.prototype.hasOwnProperty.call(rules, key) ? rules[key] : undefined;
    if (!rule) throw new ConnectTypeError('connectInfo', `only ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`, `property '${key.slice(0, 40)}'`, call);
    let value: unknown;
    try {
      value = (info as Record<string, unknown>)[key];
    } catch {
      throw new ConnectTypeError(`connectInfo.${key}`, rule[0], 'a getter that threw', call);
    }
    if (value === undefined) continue;
    if (!rule[1](value)) throw new ConnectTypeError(`connectInfo.${key}`, rule[0], describe(value), call);
    result[key] = value;
  }
  return result as T;
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
  if (info != null) result.connectInfo = readInfo<ConnectInfo>(info, CONNECT_INFO_RULES);
  return result;
}
