// Bundles test/scenarios/browser-entry.ts (the shared scenario list, its responders and runner) into
// one IIFE for the test extensions and the plain page. No eval/new Function: MV3's CSP forbids them.
import typescript from '@rollup/plugin-typescript';
import { rollup, type Plugin } from 'rollup';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../scenarios/browser-entry.ts', import.meta.url));

// expect() is only ever called in Node; in the browser node:assert is an empty stand-in.
const stubNode: Plugin = {
  name: 'stub-node',
  resolveId: (id) => (id.startsWith('node:') ? `\0stub:${id}` : null),
  load: (id) => (id.startsWith('\0stub:') ? 'export default {};' : null),
};

/** The scenario bundle's source text. */
export async function bundleScenarios(): Promise<string> {
  const bundle = await rollup({
    input: entry,
    plugins: [
      stubNode,
      typescript({
        tsconfig: false,
        include: ['src/**/*.ts', 'test/**/*.ts'],
        compilerOptions: { target: 'ES2020', module: 'esnext', moduleResolution: 'bundler', strict: false, skipLibCheck: true, noEmitOnError: false, types: [], lib: ['ES2020', 'DOM'] },
        noForceEmit: false,
      }),
    ],
    onwarn: () => undefined,
  });
  try {
    const { output } = await bundle.generate({ format: 'iife', strict: true });
    const code = output[0].code;
    // Comments may name them; code may not.
    const bare = code.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    const found = /\beval\s*\(|\bnew\s+Function\s*\(/.exec(bare);
    if (found) throw new Error(`scenario bundle uses ${found[0]}: ${bare.slice(found.index - 80, found.index + 40)}`);
    return code;
  } finally {
    await bundle.close();
  }
}
