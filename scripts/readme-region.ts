// README.md regions that scripts generate, between `<!-- <name>:start -->` and `<!-- <name>:end -->`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where README.md is. */
export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

/** `readme` with the region `name` replaced by `content`; throws when its markers are missing. */
export function replaceRegion(readme: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md needs ${start} followed by ${end}`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}

/** The command-line part of a generator: writes README.md, or with --check exits 1 when it is stale. */
export function writeOrCheck(update: (readme: string) => string, command: string): void {
  const readme = readFileSync(README_PATH, 'utf8');
  const updated = update(readme);
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error(`README.md is out of date: run ${command}`);
      process.exitCode = 1;
    }
  } else if (updated !== readme) {
    writeFileSync(README_PATH, updated);
  }
}
