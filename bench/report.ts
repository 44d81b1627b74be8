// What every bench table ends with and where it goes: the machine it ran on, and BENCHMARKS.md's
// generated regions (`<!-- <name>:start -->` … `<!-- <name>:end -->`).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { findBrowsers, type BrowserName, type FoundBrowsers } from '../harness/index.js';

/** "Chromium" or "Firefox", as the tables name them. */
export const browserLabel = (b: { browser: BrowserName }) => (b.browser === 'chromium' ? 'Chromium' : 'Firefox');

function safe(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}

/** Two lines: the date, OS, CPUs and memory; Node and the browsers' versions (`browsers`, e.g. "Chromium 156.0.8078.79"). */
export function machine(browsers: string[], quick: boolean): string {
  const cpu = /model name\s*:\s*(.*)/.exec(safe(() => readFileSync('/proc/cpuinfo', 'utf8')))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const distro = /PRETTY_NAME="?([^"\n]*)/.exec(safe(() => readFileSync('/etc/os-release', 'utf8')))?.[1] ?? os.type();
  const versions = browsers.map((b) => b.replace(/ built on .*/, ''));
  return [
    `${new Date().toISOString().slice(0, 10)}; ${distro}, Linux ${os.release()}; ${os.availableParallelism()} CPUs (nproc ${safe(() => execFileSync('nproc', { encoding: 'utf8' }).trim())}), ${cpu}; ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
    `Node ${process.version}${versions.length ? `; ${versions.join(', ')} (headless)` : ''}${quick ? '; --quick' : ''}`,
  ].join('\n');
}

/** Replaces BENCHMARKS.md's region `name` with `output`; throws when its markers are missing. */
export function writeBenchmarks(name: string, output: string): void {
  const file = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
  const text = readFileSync(file, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`BENCHMARKS.md has no ${start} … ${end} block`);
  writeFileSync(file, `${text.slice(0, from + start.length)}\n${output}\n${text.slice(to)}`);
}

/** A Markdown table, then its legend. */
export function markdownTable(head: string[], rows: string[][], legend: string): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line), '', legend].join('\n');
}

/** How `npm run bench` asks for a table of its own. */
export interface RowsRun {
  quick: boolean;
  noBrowsers: boolean;
  write: boolean;
  log: (line: string) => void;
}

/**
 * The frame of a table of its own (BENCHMARKS.md's region `name`): `measure` runs in the installed
 * browsers; the table, with the machine it ran on, is printed and, with `write`, written.
 */
export async function browserRows<R extends { version: string }>(name: string, run: RowsRun, measure: (found: FoundBrowsers) => Promise<R[]>, table: (results: R[]) => string): Promise<void> {
  if (run.noBrowsers) return run.log(`${name} skipped (--no-browsers)`);
  const found = findBrowsers();
  if (found.missing) run.log(found.missing);
  run.log(`${name}…`);
  const results = await measure(found);
  const output = `${table(results)}\n\n${machine(results.map((b) => b.version), run.quick)}`;
  console.log(`\n${output}\n`);
  if (!run.write) return;
  writeBenchmarks(name, output);
  run.log(`BENCHMARKS.md updated (${name})`);
}
