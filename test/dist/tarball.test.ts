// What `npm pack` puts in the tarball, read from npm itself and from the tarball installed into a
// temporary node_modules: every file package.json promises is there and nothing else; the `exports`
// resolve as the documents say; every relative link in the shipped Markdown leads to a shipped file
// (and heading); the shipped API reference names every export; the README stays short.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  name?: string;
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
// The build writes it beside the UMD files so that they are read as the CommonJS they are (rollup.config.mjs).
const BUILT = ['dist/package.json'];
const README_MAX_CHARS = 12_000;

/** Every path a value of `exports` names, through nested conditions. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

/**
 * The files a tarball must hold for this manifest: the ones npm always ships, each file the
 * manifest's fields and exports name, the files (not folders) listed in `files`, the readable twin
 * of each `.min.js` (the documents offer both), what the build writes beside them, and `documents`:
 * the files of the repository's own folders that `files` lists (docs/).
 */
export function expectedFiles(manifest: Manifest, documents: readonly string[] = []): Set<string> {
  const named = [...FIELDS.map((field) => manifest[field]), ...exportTargets(manifest.exports)].filter((path): path is string => typeof path === 'string');
  const listed = (manifest.files ?? []).filter((entry) => /\.[a-z]+$/i.test(entry));
  const paths = [...ALWAYS, ...named, ...listed].map((path) => path.replace(/^\.\//, ''));
  const twins = paths.filter((path) => path.endsWith('.min.js')).map((path) => path.replace(/\.min\.js$/, '.js'));
  const built = BUILT.filter((path) => paths.some((named) => posix.dirname(named) === posix.dirname(path)));
  return new Set([...paths, ...twins, ...built, ...documents]);
}

/** What a tarball holding `files` lacks and what it holds beyond `expected` (source maps excepted). */
export function tarballProblems(files: readonly string[], expected: ReadonlySet<string>) {
  const held = new Set(files);
  return {
    missing: [...expected].filter((path) => !held.has(path)).sort(),
    extra: files.filter((path) => !expected.has(path) && !path.endsWith('.map')).sort(),
  };
}

/** The anchor GitHub (and npm) gives a heading: lower case, punctuation dropped, each space a hyphen. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown document's headings, a repeated one numbered as GitHub does (`x`, `x-1`, …). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(heading!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count ? `${base}-${count}` : base);
  }
  return result;
}

// Code blocks and code spans, where brackets and parentheses are not links (headings keep their
// code spans' text, as their anchors do).
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** The targets of a Markdown document's inline links and images, outside code. */
export function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown).replace(/`[^`\n]*`/g, 'code');
  return [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
}

/**
 * The relative links of the Markdown document `path` (relative to the package root) that lead
 * nowhere in a package whose files are `read(path)` (undefined: not shipped): a missing file, or a
 * `#anchor` that names no heading of its Markdown target. Absolute URLs are not followed.
 */
export function brokenLinks(path: string, read: (path: string) => string | undefined): string[] {
  const markdown = read(path) ?? '';
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z\d+.-]*:/i.test(target)) continue;
    const [file = '', anchor] = target.split('#');
    const resolved = file ? posix.normalize(posix.join(posix.dirname(path), decodeURIComponent(file))).replace(/\/$/, '') : path;
    const content = read(resolved);
    if (content === undefined) broken.push(`${target} (no file ${resolved})`);
    else if (anchor && resolved.endsWith('.md') && !anchors(content).has(anchor)) broken.push(`${target} (no heading #${anchor} in ${resolved})`);
  }
  return broken;
}

/** The names a declaration file exports (`export { … }` and `export type { … }` lists). */
export function exportedNames(declarations: string): string[] {
  return [...declarations.matchAll(/^export (?:type )?\{([^}]*)\};?$/gm)].flatMap((match) => match[1]!.split(',').map((name) => name.trim().split(/\s+as\s+/).pop()!)).filter(Boolean);
}

// The files under a folder of the repository, as paths from its root.
const filesUnder = (folder: string): string[] =>
  (readdirSync(join(ROOT, folder), { recursive: true }) as string[]).filter((path) => statSync(join(ROOT, folder, path)).isFile()).map((path) => posix.join(folder, path.split(sep).join('/')));

describe('the npm tarball', function () {
  this.timeout(60_000);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const documents = (manifest.files ?? []).filter((entry) => entry !== 'dist' && !/\.[a-z]+$/i.test(entry)).flatMap(filesUnder);
  let temp: string;
  let installed: string;
  let files: string[];
  const read = (path: string): string | undefined => (files.includes(path) ? readFileSync(join(installed, path), 'utf8') : undefined);

  before(() => {
    temp = mkdtempSync(join(tmpdir(), 'webext-connect-tarball-'));
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', temp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [{ filename: string; files: { path: string }[] }];
    files = pack.files.map((file) => file.path);
    installed = join(temp, 'node_modules', manifest.name!);
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(temp, pack.filename), '-C', installed, '--strip-components=1']);
  });
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('expectedFiles() reads every field, nested exports and file entries of a manifest', () => {
    const expected = expectedFiles(
      {
        main: './lib/a.cjs',
        types: 'lib/a.d.ts',
        unpkg: './lib/a.umd.min.js',
        exports: { '.': { import: { types: './lib/a.d.mts', default: './lib/a.mjs' } }, './package.json': './package.json' },
        files: ['lib', 'guide', 'NOTES.md'],
      },
      ['guide/start.md'],
    );
    assert.deepEqual([...expected].sort(), ['LICENSE', 'NOTES.md', 'README.md', 'guide/start.md', 'lib/a.cjs', 'lib/a.d.mts', 'lib/a.d.ts', 'lib/a.mjs', 'lib/a.umd.js', 'lib/a.umd.min.js', 'package.json']);
    assert.ok(expectedFiles({ main: './dist/a.cjs' }).has('dist/package.json'), 'what the build writes into dist/');
  });

  it('tarballProblems() names a missing LICENSE, a missing entry point and a stray file', () => {
    const expected = expectedFiles(manifest, documents);
    const bad = [...expected].filter((path) => path !== 'LICENSE' && path !== 'dist/webext-connect.mjs').concat('src/index.ts', 'dist/webext-connect.mjs.map');
    assert.deepEqual(tarballProblems(bad, expected), { missing: ['LICENSE', 'dist/webext-connect.mjs'], extra: ['src/index.ts'] });
  });

  it('npm pack holds LICENSE, README, package.json, the changelog, docs/ and every file package.json names, and nothing else', () => {
    const expected = expectedFiles(manifest, documents);
    for (const path of ['LICENSE', 'README.md', 'package.json', 'CHANGELOG.md', 'docs/api.md', 'dist/package.json', 'dist/webext-connect.mjs', 'dist/webext-connect.cjs', 'dist/webext-connect.umd.min.js']) {
      assert.ok(expected.has(path), `${path} is expected`);
    }
    assert.deepEqual(tarballProblems(files, expected), { missing: [], extra: [] });
  });

  it('installed, its exports resolve: the entry points, webext-connect/umd, /umd.min and the UMD files by path', () => {
    const require = createRequire(join(temp, 'index.cjs'));
    const at = (file: string) => join(installed, file);
    const resolves: Record<string, string> = {
      'webext-connect': at('dist/webext-connect.cjs'),
      'webext-connect/umd': at('dist/webext-connect.umd.js'),
      'webext-connect/umd.min': at('dist/webext-connect.umd.min.js'),
      'webext-connect/dist/webext-connect.umd.js': at('dist/webext-connect.umd.js'),
      'webext-connect/dist/webext-connect.umd.min.js': at('dist/webext-connect.umd.min.js'),
      'webext-connect/package.json': at('package.json'),
    };
    for (const [specifier, file] of Object.entries(resolves)) assert.equal(require.resolve(specifier), file, specifier);
    assert.throws(() => require.resolve('webext-connect/dist/webext-connect.mjs'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' }, 'only what exports names');
  });

  it('installed, the UMD files are CommonJS when required and imported, and the ES module imports', () => {
    const script = join(temp, 'check.mjs');
    writeFileSync(
      script,
      [
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        "const kinds = (api) => typeof api.connect + ' ' + typeof api.persistentPort;",
        "const { default: umd } = await import('webext-connect/umd');",
        "const esm = await import('webext-connect');",
        "console.log(JSON.stringify([kinds(require('webext-connect/umd')), kinds(require('webext-connect/umd.min')), kinds(umd), kinds(esm), kinds(require('webext-connect'))]));",
      ].join('\n'),
    );
    const output = execFileSync(process.execPath, [script], { cwd: temp, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output), Array(5).fill('function function'));
  });

  it('brokenLinks() finds a missing file, a missing heading and a link that leaves the package, and follows none outside it', () => {
    const shipped: Record<string, string> = {
      'README.md': '# Title\n\nSee [a](docs/a.md#the-part), [b](docs/b.md), [top](#title), [web](https://example.com), [x](#nowhere), [repo](CONTRIBUTING.md).\n```md\n[in code](missing.md)\n```\n',
      'docs/a.md': '# A\n\n## The part\n\n[back](../README.md#title), [up](../../outside.md)\n',
    };
    const read = (path: string) => shipped[path];
    assert.deepEqual(brokenLinks('README.md', read), ['docs/b.md (no file docs/b.md)', '#nowhere (no heading #nowhere in README.md)', 'CONTRIBUTING.md (no file CONTRIBUTING.md)']);
    assert.deepEqual(brokenLinks('docs/a.md', read), ['../../outside.md (no file ../outside.md)']);
  });

  it('anchors() are the ones GitHub makes, repeated headings numbered', () => {
    const headings = '# `connect(extensionId?, connectInfo?)`\n## `detect(scope = globalThis)`\n## What `connect()` returns\n## Notes\n## Notes\n```\n# not a heading\n```\n';
    assert.deepEqual([...anchors(headings)], ['connectextensionid-connectinfo', 'detectscope--globalthis', 'what-connect-returns', 'notes', 'notes-1']);
  });

  it('every relative link in the shipped Markdown leads to a shipped file, and each #anchor to a heading there', () => {
    const markdown = files.filter((path) => path.endsWith('.md'));
    assert.ok(markdown.includes('README.md') && markdown.includes('docs/api.md') && markdown.includes('CHANGELOG.md'), markdown.join(', '));
    const broken = markdown.flatMap((path) => brokenLinks(path, read).map((link) => `${path}: ${link}`));
    assert.deepEqual(broken, []);
    const linked = new Set(linkTargets(read('README.md')!).map((target) => target.split('#')[0]));
    for (const document of markdown.filter((path) => path.startsWith('docs/'))) assert.ok(linked.has(document), `README.md links to ${document}`);
  });

  it(`the shipped README is at most ${README_MAX_CHARS} characters, and the shipped API reference names every export`, () => {
    const readme = read('README.md')!;
    assert.ok(readme.length <= README_MAX_CHARS, `README.md has ${readme.length} characters`);
    const names = exportedNames(read('dist/webext-connect.d.mts')!);
    assert.ok(names.includes('compatNotes') && names.includes('ConnectedPort'), names.join(', '));
    const reference = read('docs/api.md')!;
    assert.deepEqual(names.filter((name) => !reference.includes(`\`${name}\``) && !reference.includes(`\`${name}(`) && !reference.includes(`\`${name}<`)), []);
  });
});
