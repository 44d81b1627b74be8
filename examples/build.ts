// Builds the example extension (examples/extension/) for Chromium (MV3, module service worker) and
// Firefox (MV2, background scripts) from one source.
//
//   node --import tsx examples/build.ts [outDir]     # default examples/dist/{chromium,firefox}
//
// Run `npm run build` first: the builds copy webext-connect's files from dist/.
import { access, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type ExampleBrowser = 'chromium' | 'firefox';

const here = fileURLToPath(new URL('.', import.meta.url));
const source = join(here, 'extension');
const dist = join(here, '..', 'dist');

/** The example's own files, shared by both browsers. */
const SHARED = ['content.js', 'background.js', 'log.js'];
/** Per browser: its manifest, its extra files, and the webext-connect builds it loads. */
const FLAVOURS: Record<ExampleBrowser, { manifest: string; files: string[]; library: string[] }> = {
  // Content script: UMD. Background: ES module service worker.
  chromium: { manifest: 'manifest.chromium.json', files: ['bg-module.js', 'webext-connect-global.js'], library: ['webext-connect.umd.js', 'webext-connect.mjs'] },
  // Content script and background scripts: UMD.
  firefox: { manifest: 'manifest.firefox.json', files: [], library: ['webext-connect.umd.js'] },
};

export interface BuildOptions {
  /** Where the scripts POST their log lines (e.g. "http://127.0.0.1:41234/report"); none: console only. */
  report?: string;
}

/** Writes the example for `browser` into `outDir` (created if needed, same-named files overwritten) and returns outDir. */
export async function buildExample(browser: ExampleBrowser, outDir: string, options: BuildOptions = {}): Promise<string> {
  const flavour = FLAVOURS[browser];
  for (const file of flavour.library) {
    await access(join(dist, file)).catch(() => {
      throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
    });
  }
  await mkdir(outDir, { recursive: true });
  for (const file of [...SHARED, ...flavour.files]) await copyFile(join(source, file), join(outDir, file));
  for (const file of flavour.library) await copyFile(join(dist, file), join(outDir, file));
  await writeFile(join(outDir, 'manifest.json'), await readFile(join(source, flavour.manifest)));
  // Works as a classic script and as a module: it only sets a property of globalThis.
  const config = { browser, report: options.report ?? null };
  await writeFile(join(outDir, 'config.js'), `// Written by examples/build.ts.\nglobalThis.EXAMPLE_CONFIG = ${JSON.stringify(config)};\n`);
  return outDir;
}

/** Builds both browsers' flavours under `root` (default examples/dist) for loading by hand. */
export async function buildAll(root = join(here, 'dist')): Promise<Record<ExampleBrowser, string>> {
  return {
    chromium: await buildExample('chromium', join(root, 'chromium')),
    firefox: await buildExample('firefox', join(root, 'firefox')),
  };
}

// No top-level await: mocha's require() of this file (Node 20's require(esm), through tsx) refuses it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void buildAll(process.argv[2]).then((dirs) => {
    for (const [browser, dir] of Object.entries(dirs)) console.log(`${browser}: ${relative(process.cwd(), dir) || '.'}`);
    console.log('Load them by hand as described in examples/README.md.');
  });
}
