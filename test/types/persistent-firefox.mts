// Compiled, never run: a persistent port where @types/firefox-webext-browser's browser.runtime.Port
// is expected. Its own program: it and @types/chrome both declare a global `browser`.
/// <reference types="firefox-webext-browser" />
import { persistentPort } from 'webext-connect';

function takes(port: browser.runtime.Port): string {
  return port.name;
}
takes(persistentPort());
const port: browser.runtime.Port = persistentPort({ name: 'x' });
port.onMessage.addListener((message) => port.postMessage(message));

export { port };
