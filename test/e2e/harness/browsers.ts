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

/** Locates Chromium/Chrome and Firefox from CHROME_PATH/FIREFOX_PATH or the usual install paths. */
export function findBrowsers(env: NodeJS.ProcessEnv = process.env): FoundBrowsers {
  const find = (name: BrowserName) => {
    const { env: key, paths } = CANDIDATES[name];
    return [env[key], ...paths].find(executable);
  };
  const chromium = find('chromium');
  const firefox = find('firefox');
  const absent = [chromium ? '' : 'Chromium', firefox ? '' : 'Firefox'].filter(Boolean);
  const missing = absent.length
    ? `${absent.join(' and ')} not found: run \`apt-get install -y chromium firefox-esr\` or set CHROME_PATH/FIREFOX_PATH`
    : undefined;
  return { chromium, firefox, missing };
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
