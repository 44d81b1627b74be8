// Chromium's module service worker: exposes the ES module build as the `webextConnect` global that
// log.js and background.js use (the UMD build defines the same global in Firefox).
import * as webextConnect from './webext-connect.mjs';

globalThis.webextConnect = webextConnect;
