// persistentPort()'s options: one table of what each must be, its default, and the check.
import { ConnectTypeError, describe } from '../../errors.js';

/** What persistentPort() takes: connect()'s extensionId and name, and the lifecycle settings. */
export interface PersistentPortOptions {
  extensionId?: string;
  name?: string;
  /** 'lazy' (default): reopen when there is something to send; 'eager': at once (keeps the background awake). */
  reconnect?: 'lazy' | 'eager';
  /** Failed connection attempts in a row before the port ends with RECONNECT_FAILED; default 10. */
  maxAttempts?: number;
  /** Milliseconds messages may wait with no native port open before the port ends with QUEUE_OVERFLOW; default 60000. */
  maxAge?: number;
  /** Messages that may wait with no native port open; one more ends the port with QUEUE_OVERFLOW; no limit by default (maxAge bounds the wait). */
  maxQueue?: number;
  /** bufferedAmount from which postMessage() returns false (wait for onDrain); default 1000. */
  highWaterMark?: number;
}

/** The options with every default filled in (extensionId stays optional). */
export type ResolvedOptions = PersistentPortOptions & Required<Omit<PersistentPortOptions, 'extensionId'>>;

/** The call errors name. */
export const CALL = 'persistentPort()';

const positive = (value: unknown) => typeof value === 'number' && value > 0 && value <= Number.MAX_SAFE_INTEGER;
const integer = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

// Each option: what it must be, the check, and its default (extensionId has none: the own extension).
const OPTIONS: Record<keyof PersistentPortOptions, [string, (value: unknown) => boolean, unknown?]> = {
  extensionId: ['a non-empty string', (value) => typeof value === 'string' && !!value],
  name: ['a string', (value) => typeof value === 'string', ''],
  reconnect: ["'lazy' or 'eager'", (value) => value === 'lazy' || value === 'eager', 'lazy'],
  maxAttempts: ['a positive integer', integer, 10],
  maxAge: ['a positive number', positive, 60_000],
  maxQueue: ['a positive integer', integer, Infinity],
  highWaterMark: ['a positive integer', integer, 1000],
};

/** Each option of a call: what it must be, the check, and its default. */
export type OptionTable = Record<string, [string, (value: unknown) => boolean, unknown?]>;

/** The options with defaults, or connect()'s TypeError naming the call for the first bad one; `table` and `call` serve other calls' options too (port.request()'s). */
export function resolveOptions(options: unknown, table: OptionTable = OPTIONS, call = CALL): ResolvedOptions {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) throw new ConnectTypeError('options', 'an object', describe(options), call);
  const given = options as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(table)) result[key] = table[key]![2];
  for (const key of Object.keys(given)) {
    const rule = Object.prototype.hasOwnProperty.call(table, key) && table[key];
    if (!rule) throw new ConnectTypeError('options', `only ${Object.keys(table).join(', ')}`, `property '${key.slice(0, 40)}'`, call);
    const value = given[key];
    if (value === undefined) continue;
    if (!rule[1](value)) throw new ConnectTypeError(`options.${key}`, rule[0], describe(value), call);
    result[key] = value;
  }
  return result as unknown as ResolvedOptions;
}
