// What `npm pack` puts in the tarball, read from npm itself: every file package.json promises is
// there, and nothing else is.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  main?: string;
  module?: string;
  types?: string;
  unpkg?: string;
  jsdelivr?: string;
  exports?: unknown;
  files?: string[];
}

// npm ships these whatever `files` says; users and license scanners look for them.
const ALWAYS = ['LICENSE', 'README.md', 'package.json'];
const FIELDS = ['main', 'module', 'types', 'unpkg', 'jsdelivr'] as const;

/** Every path a value of `exports` names, through nested conditions. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

/**
 * The files a tarball must hold for this manifest: the ones npm always ships, each file the
 * manifest's fields and exports name, the files (not folders) listed in `files`, and the readable
 * twin of each `.min.js` (the README offers both).
 */
export function expectedFiles(manifest: Manifest): Set<string> {
  const named = [...FIELDS.map((field) => manifest[field]), ...exportTargets(manifest.exports)].filter((path): path is string => typeof path === 'string');
  const listed = (manifest.files ?? []).filter((entry) => /\.[a-z]+$/i.test(entry));
  const paths = [...ALWAYS, ...named, ...listed].map((path) => path.replace(/^\.\//, ''));
  return new Set([...paths, ...paths.filter((path) => path.endsWith('.min.js')).map((path) => path.replace(/\.min\.js$/, '.js'))]);
}

/** What a tarball holding `files` lacks and what it holds beyond `expected` (source maps excepted). */
export function tarballProblems(files: readonly string[], expected: ReadonlySet<string>) {
  const held = new Set(files);
  return {
    missing: [...expected].filter((path) => !held.has(path)).sort(),
    extra: files.filter((path) => !expected.has(path) && !path.endsWith('.map')).sort(),
  };
}

describe('the npm tarball', () => {
  const manifest = JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8')) as Manifest;

  it('expectedFiles() reads every field, nested exports and file entries of a manifest', () => {
    const expected = expectedFiles({
      main: './lib/a.cjs',
      types: 'lib/a.d.ts',
      unpkg: './lib/a.umd.min.js',
      exports: { '.': { import: { types: './lib/a.d.mts', default: './lib/a.mjs' } }, './package.json': './package.json' },
      files: ['lib', 'NOTES.md'],
    });
    assert.deepEqual([...expected].sort(), ['LICENSE', 'NOTES.md', 'README.md', 'lib/a.cjs', 'lib/a.d.mts', 'lib/a.d.ts', 'lib/a.mjs', 'lib/a.umd.js', 'lib/a.umd.min.js', 'package.json']);
  });

  it('tarballProblems() names a missing LICENSE, a missing entry point and a stray file', () => {
    const expected = expectedFiles(manifest);
    const bad = [...expected].filter((path) => path !== 'LICENSE' && path !== 'dist/webext-connect.mjs').concat('src/index.ts', 'dist/webext-connect.mjs.map');
    assert.deepEqual(tarballProblems(bad, expected), { missing: ['LICENSE', 'dist/webext-connect.mjs'], extra: ['src/index.ts'] });
  });

  it('npm pack holds LICENSE, README, package.json, the changelog and every file package.json names, and nothing else', function () {
    this.timeout(60_000);
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [{ files: { path: string }[] }];
    const files = pack.files.map((file) => file.path);
    const expected = expectedFiles(manifest);
    for (const path of ['LICENSE', 'README.md', 'package.json', 'CHANGELOG.md', 'dist/webext-connect.mjs', 'dist/webext-connect.cjs', 'dist/webext-connect.umd.min.js']) {
      assert.ok(expected.has(path), `${path} is expected`);
    }
    assert.deepEqual(tarballProblems(files, expected), { missing: [], extra: [] });
  });
});
