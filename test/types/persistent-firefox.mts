// Compiled, never run: a persistent port where @types/firefox-webext-browser's browser.runtime.Port
// is expected. Its own program: it and @types/chrome both declare a global `browser`.
/// <reference types="firefox-webext-browser" />
import { persistentPort } from 'webext-connect';

function takes(port: browser.runtime.Port): string {
  return port.name;
}
// Their Port types error as never null: an assertion takes their word, as for connect().
// @ts-expect-error error: WebextConnectError | null is not their error's type
takes(persistentPort());
takes(persistentPort() as browser.runtime.Port);
const port: browser.runtime.Port = persistentPort({ name: 'x' }) as browser.runtime.Port;
port.onMessage.addListener((message) => port.postMessage(message));

export { port };
