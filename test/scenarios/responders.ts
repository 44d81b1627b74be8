// The receiving ends the scenarios talk to, written against the public API only: the main
// extension's background answers onConnect, the second extension answers onConnectExternal. The
// same code runs in the real backgrounds and on the fake background/other-extension scopes.
import type { Json, Lib } from './scenarios.js';
import { answerPersistent } from './persistent-scenarios.js';
import { answerRequests } from './request-scenarios.js';
import { shape, type Reply } from './util.js';

export type Role = 'main' | 'other';

/** Starts answering every message on every incoming port with a Reply; returns the stop function. */
export function respond(role: Role, lib: Lib): () => void {
  const via = role === 'main' ? 'onConnect' : 'onConnectExternal';
  const by = lib.detect().extensionId;
  // Request handlers at the top level, before any port: a woken background has them for its first message.
  if (role === 'main') answerRequests(lib);
  // A second onConnect() listener, and the commands of the persistent-port scenarios.
  if (role === 'main') answerPersistent(lib);
  return lib[via]((port) => {
    const sender = (port.sender ?? {}) as { id?: unknown; tab?: unknown; tlsChannelId?: unknown };
    port.onMessage.addListener((message: Json) => {
      // The other side hanging up on request, for the scenarios of a port closed from afar.
      if (message !== null && typeof message === 'object' && 'hangUp' in message) return port.disconnect();
      const reply: Reply = {
        echo: message,
        // The echo crosses a second serialization on its way back; the shape says what arrived here.
        shape: shape(message),
        name: port.name,
        via,
        by,
        senderId: typeof sender.id === 'string' ? sender.id : null,
        hasTab: !!sender.tab,
        tlsChannelId: typeof sender.tlsChannelId === 'string' ? sender.tlsChannelId : null,
      };
      port.postMessage(reply);
    });
  });
}
