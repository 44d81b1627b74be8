// Size measurements shared by bench/run.ts and test/size.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup, type Plugin } from 'rollup';
import terser from '@rollup/plugin-terser';

const require = createRequire(import.meta.url);
export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
export const UMD_MIN = `${DIST}webext-connect.umd.min.js`;
export const UMD = `${DIST}webext-connect.umd.js`;
export const ESM = `${DIST}webext-connect.mjs`;
export const POLYFILL_MIN = require.resolve('webextension-polyfill/dist/browser-polyfill.min.js');

/** Bytes of `gzip -9` (zlib level 9) of a string or buffer. */
export function gzipSize(data: string | Buffer): number {
  return gzipSync(data, { level: 9 }).length;
}

export const gzipFileSize = (path: string) => gzipSize(readFileSync(path));

/**
 * The two applications compared for "what a connect-only app bundle adds". Both open a port named
 * "x" and post one message; `withLibrary` does it with `connect` imported from dist/webext-connect.mjs,
 * `raw` with `chrome.runtime.connect`. Each is bundled by rollup as an IIFE (a content script is a
 * classic script) and minified by @rollup/plugin-terser with its defaults.
 */
export const APP_SOURCES = {
  withLibrary: `import { connect } from ${JSON.stringify(ESM)};\nconnect({ name: 'x' }).postMessage('hi');\n`,
  raw: `chrome.runtime.connect({ name: 'x' }).postMessage('hi');\n`,
} as const;

/** Bundles one entry source with rollup + terser and returns the minified code. */
export async function bundle(source: string): Promise<string> {
  const entry: Plugin = {
    name: 'virtual-entry',
    resolveId: (id) => (id === '\0entry' ? id : null),
    load: (id) => (id === '\0entry' ? source : null),
  };
  const build = await rollup({ input: '\0entry', plugins: [entry], onwarn: () => {} });
  try {
    const { output } = await build.generate({ format: 'iife', plugins: [terser()] });
    return output[0].code;
  } finally {
    await build.close();
  }
}

export interface AppBundleSizes {
  /** gzip -9 bytes of the app importing connect from webext-connect. */
  withLibrary: number;
  /** gzip -9 bytes of the same app calling chrome.runtime.connect. */
  raw: number;
  /** withLibrary - raw: what importing connect adds to an application bundle. */
  adds: number;
  /** gzip -9 bytes of browser-polyfill.min.js followed by the raw app (the polyfill is a separate classic script), minus raw. */
  polyfillAdds: number;
}

/** "Adds" = gzip -9 of the bundled, minified connect-only app minus gzip -9 of the same app written against the raw API. */
export async function appBundleSizes(): Promise<AppBundleSizes> {
  const [withLibrary, raw] = await Promise.all([bundle(APP_SOURCES.withLibrary), bundle(APP_SOURCES.raw)]);
  const rawSize = gzipSize(raw);
  const polyfill = readFileSync(POLYFILL_MIN, 'utf8');
  return {
    withLibrary: gzipSize(withLibrary),
    raw: rawSize,
    adds: gzipSize(withLibrary) - rawSize,
    polyfillAdds: gzipSize(`${polyfill}\n${raw}`) - rawSize,
  };
}
