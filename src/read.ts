/** Reads `target[key]`, answering undefined for non-objects and for getters or proxies that throw. */
export function read(target: unknown, key: PropertyKey): any {
  // Object() returns objects and functions as they are (a Proxy without running a trap) and wraps
  // anything else, so this tells them apart without a second typeof.
  if (Object(target) !== target) return undefined;
  try {
    return (target as any)[key];
  } catch {
    return undefined;
  }
}
