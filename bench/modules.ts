// `npm run bench:modules`: where each budgeted import's bytes go, module by module. The sources are
// compiled with every module kept apart, each import's application is bundled as bench/size.ts does,
// a marker comment goes before each module, terser minifies the whole keeping the markers, and a
// module's cost is what its code adds to the gzip -9 of everything before it, so the rows add up to
// the whole. Terser may move a little code across a marker, so a row can be off by a few bytes.
//
//   npm run bench:modules              every import
//   npm run bench:modules -- connect   one import
import typescript from '@rollup/plugin-typescript';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup, type Plugin } from 'rollup';
import { minify } from 'terser';
import { appSource, gzipSize, IMPORTS, type ImportName } from './size.js';

const out = mkdtempSync(join(tmpdir(), 'webext-connect-modules-'));
try {
  const compiled = await rollup({
    input: 'src/index.ts',
    plugins: [typescript({ tsconfig: './tsconfig.build.json', outDir: out, declaration: false, declarationMap: false })],
    onwarn: () => {},
  });
  await compiled.write({ dir: out, format: 'es', preserveModules: true, preserveModulesRoot: 'src' });
  await compiled.close();

  const wanted = process.argv.slice(2).filter((name): name is ImportName => name in IMPORTS);
  for (const name of wanted.length ? wanted : (Object.keys(IMPORTS) as ImportName[])) {
    const source = appSource(IMPORTS[name]).replace(/from ".*?"/, `from ${JSON.stringify(join(out, 'index.js'))}`);
    const entry: Plugin = { name: 'entry', resolveId: (id) => (id === '\0entry' ? id : null), load: (id) => (id === '\0entry' ? source : null) };
    const build = await rollup({ input: '\0entry', plugins: [entry], onwarn: () => {} });
    const { output } = await build.generate({ format: 'es' });
    await build.close();
    const marked = Object.entries(output[0].modules)
      .filter(([, module]) => module.renderedLength)
      .map(([id, module]) => `/*!@@${id.startsWith(out) ? id.slice(out.length + 1) : 'the application'}*/\n${module.code}`)
      .join('\n');
    const { code = '' } = await minify(`!function(){${marked}}();`, { format: { comments: /^!@@/ } });
    const pieces = code.split(/\/\*!@@([^*]+)\*\//);
    let prefix = pieces[0]!;
    let before = gzipSize(prefix);
    const rows: string[] = [];
    for (let i = 1; i < pieces.length; i += 2) {
      prefix += pieces[i + 1];
      const now = gzipSize(prefix);
      rows.push(`  ${String(now - before).padStart(5)} B  ${pieces[i]}`);
      before = now;
    }
    console.log(`${name}: ${before} B gzip -9 in all (the application's own few bytes included)\n${rows.join('\n')}\n`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
