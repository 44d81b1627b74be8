/** Reads `target[key]`, answering undefined for non-objects and for getters or proxies that throw. */
export function read(target: unknown, key: PropertyKey): any {
  if (target === null || (typeof target !== 'object' && typeof target !== 'function')) return undefined;
  try {
    return (target as any)[key];
  } catch {
    return undefined;
  }
}
