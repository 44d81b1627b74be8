import { ConnectTypeError, describe } from '../../errors.js';
import { read } from '../../read.js';
import type { AbortSignalLike, RequestOptions } from './types.js';

/** The longest timeout a timer can hold (setTimeout fires at once beyond it). */
export const MAX_TIMEOUT = 2 ** 31 - 1;

/** request() options with their defaults filled in. */
export interface ResolvedRequestOptions {
  timeout: number;
  signal: AbortSignalLike | undefined;
  retry: boolean;
}

const argumentError = (call: string, parameter: string, expected: string, value: unknown) => new ConnectTypeError(parameter, expected, describe(value), call);

// Each option and what it must be; undefined stands for the default.
const OPTION_CHECKS: Record<keyof RequestOptions, [string, (value: unknown) => boolean]> = {
  timeout: [`a positive number of milliseconds up to ${MAX_TIMEOUT}`, (value) => typeof value === 'number' && value > 0 && value <= MAX_TIMEOUT],
  signal: ['an AbortSignal', (value) => typeof read(value, 'aborted') === 'boolean' && typeof read(value, 'addEventListener') === 'function'],
  retry: ['a boolean', (value) => typeof value === 'boolean'],
};

/** Throws the library's TypeError unless `type` is a non-empty string. */
export function checkType(call: string, type: unknown): asserts type is string {
  if (typeof type !== 'string' || !type) throw argumentError(call, 'type', 'a non-empty string', type);
}

/** port.request()'s options, checked (the library's TypeError for anything else) and with defaults. */
export function resolveRequestOptions(call: string, options: unknown): ResolvedRequestOptions {
  const result: ResolvedRequestOptions = { timeout: 30_000, signal: undefined, retry: false };
  if (options === undefined) return result;
  if (typeof options !== 'object' || options === null) throw argumentError(call, 'options', 'an object', options);
  for (const key of Object.keys(options)) {
    const rule = Object.prototype.hasOwnProperty.call(OPTION_CHECKS, key) && OPTION_CHECKS[key as keyof RequestOptions];
    if (!rule) throw new ConnectTypeError('options', `only ${Object.keys(OPTION_CHECKS).join(', ')}`, `property '${key.slice(0, 40)}'`, call);
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!rule[1](value)) throw argumentError(call, `options.${key}`, rule[0], value);
    (result as unknown as Record<string, unknown>)[key] = value;
  }
  return result;
}

/** Throws the library's TypeError unless `handler` is a function. */
export function checkHandler(call: string, handler: unknown): void {
  if (typeof handler !== 'function') throw argumentError(call, 'handler', 'a function', handler);
}
