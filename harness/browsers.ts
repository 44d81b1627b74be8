import { accessSync, constants } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Browsers the e2e harness knows how to drive. */
export type BrowserName = 'chromium' | 'firefox';

const CANDIDATES: Record<BrowserName, { env: string; paths: string[] }> = {
  chromium: {
    env: 'CHROME_PATH',
    paths: [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ],
  },
  firefox: {
    env: 'FIREFOX_PATH',
    paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'],
  },
};

function executable(path: string | undefined): path is string {
  if (!path) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Result of findBrowsers(): executable paths, and a one-line install hint when any is missing. */
export interface FoundBrowsers {
  chromium: string | undefined;
  firefox: string | undefined;
  missing: string | undefined;
}

/**
 * Locates Chromium/Chrome and Firefox from CHROME_PATH/FIREFOX_PATH or the usual install paths. A variable
 * that is set must name an executable: a wrong path counts as missing, never as "use the installed one",
 * so a run meant for other browsers cannot quietly test the default ones.
 */
export function findBrowsers(env: NodeJS.ProcessEnv = process.env): FoundBrowsers {
  const problems: string[] = [];
  const find = (name: BrowserName, label: string) => {
    const { env: key, paths } = CANDIDATES[name];
    const wanted = env[key];
    if (wanted) {
      if (executable(wanted)) return wanted;
      problems.push(`${key}=${wanted} is not an executable`);
      return undefined;
    }
    const path = paths.find(executable);
    if (!path) problems.push(`${label} not found: run \`apt-get install -y chromium firefox-esr\` or set ${key}`);
    return path;
  };
  const chromium = find('chromium', 'Chromium');
  const firefox = find('firefox', 'Firefox');
  return { chromium, firefox, missing: problems.length ? problems.join('; ') : undefined };
}

/** What `<binary> --version` printed, e.g. { line: 'Mozilla Firefox 153.7.0esr', version: '153.7.0esr', major: 153 }. */
export interface BrowserVersion {
  line: string;
  version: string;
  major: number;
}

/** Reads a browser's version by running the binary with --version. */
export async function browserVersion(path: string): Promise<BrowserVersion> {
  const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 10_000 });
  const line = stdout.trim().split('\n')[0] ?? '';
  const version = /\d+(\.\d+)+\S*/.exec(line)?.[0] ?? '';
  return { line, version, major: parseInt(version, 10) };
}

/** One line naming the browsers a run uses, e.g. "e2e: Chromium 150.0.7871.100 (/usr/bin/chromium), Firefox 140.12.0esr (/usr/bin/firefox-esr)". */
export async function describeBrowsers(found: FoundBrowsers = findBrowsers()): Promise<string> {
  const one = async (label: string, path: string | undefined) => {
    if (!path) return `${label} missing`;
    try {
      return `${label} ${(await browserVersion(path)).version || '(unknown version)'} (${path})`;
    } catch (error) {
      return `${label} at ${path} does not run: ${(error as Error).message.split('\n')[0]}`;
    }
  };
  const line = `e2e: ${await one('Chromium', found.chromium)}, ${await one('Firefox', found.firefox)}`;
  return found.missing ? `${line} (${found.missing})` : line;
}
