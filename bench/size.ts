// Size measurements shared by bench/run.ts and test/size.test.ts.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** The exports of the "core": everything but the notes and future additions, as the size issue lists it. */
export const CORE_EXPORTS = ['connect', 'onConnect', 'onConnectExternal', 'normalizeConnectArgs', 'detect', 'isSupported', 'getSupport', 'compatTable', 'probeSupport', 'ConnectTypeError', 'WebextConnectError'] as const;

/** Each budgeted import: the exports an application imports from dist/webext-connect.mjs. */
export const IMPORTS = {
  connect: ['connect'],
  connectTab: ['connectTab'],
  onConnect: ['onConnect'],
  detect: ['detect'],
  isSupported: ['isSupported'],
  persistentPort: ['connect', 'persistentPort'],
  checkMessage: ['checkMessage'],
  core: CORE_EXPORTS,
} as const satisfies Record<string, readonly string[]>;

export type ImportName = keyof typeof IMPORTS;

/**
 * An application that imports `names` and hands them to code the bundler cannot see into, so each
 * export is kept whole; the empty application does the same with nothing.
 */
export function appSource(names: readonly string[]): string {
  return names.length ? `import { ${names.join(', ')} } from ${JSON.stringify(ESM)};\nglobalThis.use(${names.join(', ')});\n` : 'globalThis.use();\n';
}

// Package names (`@webext-core/messaging` and what it imports) resolve as Node resolves them from the importer.
const isBare = (id: string) => !/^[./\0]/.test(id);

/** Bundles one entry source with rollup + terser and returns the minified code. */
export async function bundle(source: string): Promise<string> {
  const entry: Plugin = {
    name: 'virtual-entry',
    resolveId: (id, importer) => (id === '\0entry' ? id : isBare(id) ? createRequire(importer && !importer.startsWith('\0') ? importer : import.meta.url).resolve(id) : null),
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

/**
 * What each import adds to an application, gzip -9 bytes: the application bundled by rollup as an
 * IIFE (a content script is a classic script), minified by @rollup/plugin-terser with its defaults,
 * minus the same application importing nothing.
 */
export async function importCosts(): Promise<Record<ImportName, number>> {
  const empty = gzipSize(await bundle(appSource([])));
  const names = Object.keys(IMPORTS) as ImportName[];
  const sizes = await Promise.all(names.map(async (name) => gzipSize(await bundle(appSource(IMPORTS[name]))) - empty));
  return Object.fromEntries(names.map((name, i) => [name, sizes[i]!])) as Record<ImportName, number>;
}

/** The core as one minified classic script defining the global `webextConnectCore`, for the start-up benchmarks. */
export function coreScript(): Promise<string> {
  return bundle(`import { ${CORE_EXPORTS.join(', ')} } from ${JSON.stringify(ESM)};\nglobalThis.webextConnectCore = { ${CORE_EXPORTS.join(', ')} };\n`);
}

/** Compiles each module of src/ on its own (types stripped, as tsconfig.build.json's target) into `out`, for measuring what one layer adds. */
export async function compileModules(out: string): Promise<void> {
  const { default: ts } = await import('typescript');
  const src = fileURLToPath(new URL('../src/', import.meta.url));
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(src + file, 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2017, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true } });
    mkdirSync(dirname(`${out}/${file}`), { recursive: true });
    writeFileSync(`${out}/${file.replace(/\.ts$/, '.js')}`, outputText);
  }
}

/**
 * What requests add, gzip -9 bytes, measured as importCosts() measures: `request`, to an application
 * that imports persistentPort (the public persistentPort, which carries request(), against the
 * persistent port's own persistentPort() without it, both compiled from src/ into `out`), and
 * `onRequest`, to a background that imports onConnect (from dist/).
 */
export async function requestCosts(out: string): Promise<{ request: number; onRequest: number }> {
  const app = (from: string) => appSource(['persistentPort']).replace(/from ".*?"/, `from ${JSON.stringify(from)}`);
  const [withRequest, without, both, onConnect] = await Promise.all([
    bundle(app(`${out}/index.js`)),
    bundle(app(`${out}/port/persistent/persistent-port.js`)),
    bundle(appSource(['onConnect', 'onRequest'])),
    bundle(appSource(['onConnect'])),
  ]);
  return { request: gzipSize(withRequest) - gzipSize(without), onRequest: gzipSize(both) - gzipSize(onConnect) };
}
