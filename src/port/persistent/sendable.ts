// Refusing a message at postMessage() even while it can only wait for a port: the browser's own
// serializer is tried on it, the one its ports use (JSON text in Chromium and Safari, the structured
// clone algorithm in Firefox and in Chromium 148+ when the manifest asks for it), so the rule is the
// browser's exactly. Only a message that must wait pays for the trial: on an open port the native
// postMessage refuses by itself, at once.
import { detectNamespace } from '../../detect/namespace.js';
import { detectSerialization } from '../../detect/serialization.js';
import { parseUserAgentBeforeSafari } from '../../detect/user-agent.js';
import { describe, UnsendableMessageError } from '../../errors.js';
import { read } from '../../read.js';
import type { Scope } from '../../types.js';

// Chromium refuses a message whose JSON text is over 64 MiB (shared/notes/ports.md, section 1).
const JSON_LIMIT = 2 ** 26;

/** A function answering the UNSENDABLE_MESSAGE error this browser would throw for a message, or undefined when it can send it. */
export function refusalIn(scope: Scope): (message: unknown) => UnsendableMessageError | undefined {
  const { api } = detectNamespace(scope);
  const userAgent = read(read(scope, 'navigator'), 'userAgent');
  let manifest: unknown;
  try {
    manifest = read(api, 'runtime').getManifest();
  } catch {
    // No manifest to read (a web page): JSON, as detectSerialization decides.
  }
  // Safari is not told apart here: it serializes as JSON, the default.
  const browser = parseUserAgentBeforeSafari(userAgent) ?? { name: null, version: null };
  const json = detectSerialization(api, browser, manifest, userAgent) !== 'structured_clone';
  const clone = read(scope, 'structuredClone');
  return (message) => {
    try {
      if (json) {
        // undefined is sent as null; anything else JSON writes as nothing (a function, a symbol) is refused.
        const text = JSON.stringify(message);
        if ((text === undefined && message !== undefined) || (text && text.length > JSON_LIMIT)) throw message;
      } else if (typeof clone === 'function') clone.call(scope, message);
    } catch (error) {
      return new UnsendableMessageError(describe(message), error === message ? undefined : error);
    }
  };
}
