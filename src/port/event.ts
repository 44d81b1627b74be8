import { read } from '../read.js';
import { currentScope } from '../scope.js';

/** An event with the addListener/removeListener/hasListener surface of an extension event. */
export interface PortEvent<L extends (...args: any[]) => void> {
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
  return {
    addListener: (listener) => void listeners.add(listener),
    removeListener: (listener) => void listeners.delete(listener),
    hasListener: (listener) => listeners.has(listener),
    emit(...args) {
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
}
