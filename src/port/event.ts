import { read } from '../read.js';
import { currentScope } from '../scope.js';
import type { UncallableEventMethods } from '../types.js';

/** An event with the addListener/removeListener/hasListener surface of a port's event (and the methods only @types/chrome claims, uncallable, so a persistent port fits its Port). */
export interface PortEvent<L extends (...args: any[]) => void> extends UncallableEventMethods {
  addListener(listener: L): void;
  removeListener(listener: L): void;
  hasListener(listener: L): boolean;
}

/** Reports a listener's own error the way the platform reports an uncaught one, without throwing: reportError() where it exists, else console.error. */
export function reportListenerError(error: unknown): void {
  const scope = currentScope();
  const report = read(scope, 'reportError');
  try {
    if (typeof report === 'function') return void report.call(scope, error);
    read(scope, 'console').error(error);
  } catch {
    // Nowhere to report it: dropping it is better than breaking the port's bookkeeping.
  }
}

/** A PortEvent plus emit(), which calls every listener even when one throws (its error goes to reportListenerError()). */
export function createEvent<L extends (...args: any[]) => void>(): PortEvent<L> & { emit(...args: Parameters<L>): void } {
  const listeners = new Set<L>();
  const event = {
    addListener: (listener: L) => void listeners.add(listener),
    removeListener: (listener: L) => void listeners.delete(listener),
    hasListener: (listener: L) => listeners.has(listener),
    emit(...args: Parameters<L>) {
      for (const listener of [...listeners]) {
        try {
          listener(...args);
        } catch (error) {
          // One listener's bug must neither stop the others nor the port's own bookkeeping, and it
          // leaves the library as a report, never as a throw from a timer.
          reportListenerError(error);
        }
      }
    },
  };
  // The methods PortEvent declares uncallable are absent, as on a native port's events.
  return event as typeof event & PortEvent<L>;
}
