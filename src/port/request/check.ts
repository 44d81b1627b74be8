import { ConnectTypeError, describe } from '../../errors.js';
import { read } from '../../read.js';
import { resolveOptions, type OptionTable } from '../persistent/options.js';
import type { AbortSignalLike } from './types.js';

/** The longest timeout a timer can hold (setTimeout fires at once beyond it). */
export const MAX_TIMEOUT = 2 ** 31 - 1;

/** request() options with their defaults filled in. */
export interface ResolvedRequestOptions {
  timeout: number;
  signal: AbortSignalLike | undefined;
  retry: boolean;
}

// Each option, what it must be, and its default (persistentPort()'s table form).
const OPTIONS: OptionTable = {
  timeout: [`a positive number up to ${MAX_TIMEOUT}`, (value) => typeof value === 'number' && value > 0 && value <= MAX_TIMEOUT, 30_000],
  signal: ['an AbortSignal', (value) => typeof read(value, 'aborted') === 'boolean' && typeof read(value, 'addEventListener') === 'function' && typeof read(value, 'removeEventListener') === 'function'],
  retry: ['a boolean', (value) => typeof value === 'boolean', false],
};

/** Throws the library's TypeError unless `value`, the parameter named `parameter` of `call`, passes `check`. */
export function checkArgument(call: string, parameter: string, expected: string, check: (value: unknown) => boolean, value: unknown): void {
  if (!check(value)) throw new ConnectTypeError(parameter, expected, describe(value), call);
}

/** Throws the library's TypeError unless `type` is a non-empty string. */
export function checkType(call: string, type: unknown): asserts type is string {
  checkArgument(call, 'type', 'a non-empty string', (value) => typeof value === 'string' && !!value, type);
}

/** port.request()'s options, checked (the library's TypeError for anything else) and with defaults. */
export const resolveRequestOptions = (call: string, options: unknown) => resolveOptions(options, OPTIONS, call) as unknown as ResolvedRequestOptions;
