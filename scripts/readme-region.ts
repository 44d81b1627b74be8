// Generated regions of the project's Markdown documents, between `<!-- <name>:start -->` and
// `<!-- <name>:end -->`: the scripts that fill them and the tests that check them share these.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of a document, from its path in the repository (e.g. 'docs/compat-table.md'). */
export const docPath = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** Where the compat table is written. */
export const COMPAT_DOC_PATH = docPath('docs/compat-table.md');

/** Where "What each import costs" and the copy of the benchmark table are written. */
export const SIZES_DOC_PATH = docPath('docs/sizes-and-benchmarks.md');

/** Where `npm run bench -- --write` puts the benchmark table (not shipped: its links lead into the repository). */
export const BENCHMARKS_PATH = docPath('BENCHMARKS.md');

const markers = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

function bounds(document: string, name: string): [number, number] {
  const [start, end] = markers(name);
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from) throw new Error(`the document needs ${start} followed by ${end}`);
  return [from + start.length, to];
}

/** `document` with the region `name` replaced by `content`; throws when its markers are missing. */
export function replaceRegion(document: string, name: string, content: string): string {
  const [from, to] = bounds(document, name);
  return `${document.slice(0, from)}\n${content}\n${document.slice(to)}`;
}

/** What the region `name` of `document` holds, without the newlines next to its markers; throws when they are missing. */
export function readRegion(document: string, name: string): string {
  const [from, to] = bounds(document, name);
  return document.slice(from, to).replace(/^\n/, '').replace(/\n$/, '');
}

/** The command-line part of a generator: rewrites the document at `path`, or with --check exits 1 when it is stale. */
export function writeOrCheck(path: string, update: (document: string) => string, command: string): void {
  const document = readFileSync(path, 'utf8');
  const updated = update(document);
  if (process.argv.includes('--check')) {
    if (updated !== document) {
      console.error(`${path} is out of date: run ${command}`);
      process.exitCode = 1;
    }
  } else if (updated !== document) {
    writeFileSync(path, updated);
  }
}
