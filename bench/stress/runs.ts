// The command line both stress commands share: `--browser chromium|firefox` (else every browser
// found), `--runs N` (else the command's default), `--short`.
import { findBrowsers, type BrowserName } from '../../harness/index.js';

/** The value after `name` in `args`, if `name` is there. */
export const optionOf = (args: string[], name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

/** Calls `run` for each browser found (or the one `--browser` names) and each of its runs, in order; a browser not found is reported and skipped. */
export async function forEachRun(args: string[], defaultRuns: number, run: (name: BrowserName, executable: string, index: number) => Promise<void>): Promise<void> {
  const runs = Number(optionOf(args, '--runs')) || defaultRuns;
  const only = optionOf(args, '--browser');
  const found = findBrowsers();
  for (const name of ['chromium', 'firefox'] as const) {
    if (only && only !== name) continue;
    const executable = found[name];
    if (!executable) {
      console.log(`${name}: not found (${found.missing})`);
      continue;
    }
    for (let index = 1; index <= runs; index++) await run(name, executable, index);
  }
}
