/** An event with the addListener/removeListener/hasListener surface of an extension event. */
export interface PortEvent<L extends (...args: any[]) => void> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
  hasListener(listener: L): boolean;
}

/** A PortEvent plus emit(), which calls every listener even when one throws (its error is rethrown in a later task). */
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
          // One listener's bug must not stop the others nor the port's own bookkeeping.
          setTimeout(() => {
            throw error;
          });
        }
      }
    },
  };
}
