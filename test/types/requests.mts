// Compiled, never run: one protocol map types both sides of a request; a wrong type, data or reply
// is a compile error on either side, and leaving the map out keeps untyped use working.
import { onRequest, persistentPort, type OnRequest, type PersistentPort, type RequestContext, type RequestPort } from 'webext-connect';

interface Settings {
  theme: 'dark' | 'light';
}

// Written once, imported by the content script and the background alike.
interface Protocol {
  getSettings(): Settings;
  add(data: { a: number; b: number }): number;
  lookup(data?: string): Promise<string[]>;
}

// The caller: the protocol map where the port goes.
const port: PersistentPort & RequestPort<Protocol> = persistentPort({ name: 'typed' });
const settings: Promise<Settings> = port.request('getSettings');
const sum: Promise<number> = port.request('add', { a: 1, b: 2 }, { timeout: 5000, retry: true });
const found: Promise<string[]> = port.request('lookup');
port.request('lookup', 'x', { signal: new AbortController().signal });
// @ts-expect-error a request type the map does not have
port.request('getSetings');
// @ts-expect-error data of the wrong type
port.request('add', { a: 1, b: '2' });
// @ts-expect-error data missing where the type takes some
port.request('add');
// @ts-expect-error data where the type takes none
port.request('getSettings', { theme: 'dark' });
// @ts-expect-error the reply's type is the map's
const wrongReply: Promise<string> = port.request('add', { a: 1, b: 2 });
// @ts-expect-error an unknown option
port.request('getSettings', undefined, { timout: 5 });
// The protocol map as persistentPort()'s second type argument, after the messages' type.
const direct = persistentPort<{ n: number }, Protocol>({ name: 'direct' });
const direct2: Promise<number> = direct.request('add', { a: 1, b: 2 });
// @ts-expect-error a request type the map does not have
direct.request('getSetings');
// @ts-expect-error the messages' type still constrains postMessage
direct.postMessage({ n: 'x' });
// The port is still a persistent port.
port.postMessage({ any: 'message' });

// The receiver: the same map, K inferred from the type.
const on: OnRequest<Protocol> = onRequest;
const stop: () => void = on('add', ({ a, b }, context: RequestContext) => (context.name ? a + b : 0));
on('getSettings', async () => ({ theme: 'dark' as const }));
on('lookup', (query) => (query ? [query] : []));
// @ts-expect-error a handler for a type the map does not have
on('remove', () => 1);
// @ts-expect-error the data is the map's
on('add', (data: string) => data.length);
// @ts-expect-error a reply of the wrong type
on('add', () => 'three');
// @ts-expect-error an async reply of the wrong type
on('getSettings', async () => ({ theme: 'blue' }));
// Or with both type arguments spelled out.
onRequest<Protocol, 'add'>('add', ({ a }) => a);
// @ts-expect-error the same checks without the alias
onRequest<Protocol, 'add'>('add', () => 'three');

// Untyped use: any type, any data, any reply.
const loose = persistentPort();
const anything: Promise<any> = loose.request('whatever', { x: 1 });
loose.request('no-data');
onRequest('whatever', (data, context) => ({ echo: data.x, from: context.sender?.url }));
onRequest('slow', async () => 42);
// @ts-expect-error the type must be a string
onRequest(5, () => 1);

export { direct2, anything, found, settings, stop, sum, wrongReply };
