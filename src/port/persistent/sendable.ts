// Refusing a message at postMessage() even while it can only wait: the rules checkMessage() knows,
// for the serialization this browser uses (JSON, or structured clone in Firefox and in Chromium
// 148+ when the manifest asks for it).
import { detectNamespace } from '../../detect/namespace.js';
import { detectSerialization } from '../../detect/serialization.js';
import { parseUserAgentBeforeSafari } from '../../detect/user-agent.js';
import { describe, UnsendableMessageError } from '../../errors.js';
import { checkMessage } from '../../message/check-message.js';
import { read } from '../../read.js';
import type { Scope } from '../../types.js';

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
  // checkMessage() names what each serialization does with each part: "…: JSON <does>, structured clone <does>".
  const cannot = json ? ': JSON cannot send it' : 'structured clone cannot send it';
  return (message) => (checkMessage(message).some((found) => found.problem.indexOf(cannot) >= 0) ? new UnsendableMessageError(describe(message)) : undefined);
}
