import assert from 'node:assert/strict';
import { BROWSER_NAMES, parseUserAgent, type BrowserName } from '../../src/detect/user-agent.js';

// Real user-agent strings, old and new: [label, user agent, expected name, expected version].
const FIXTURES: ReadonlyArray<readonly [string, string, BrowserName | null, string | null]> = [
  ['Chrome 156 Linux (reduced UA)', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36', 'chrome', '156.0.0.0'],
  ['Chrome 49 Windows XP', 'Mozilla/5.0 (Windows NT 5.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/49.0.2623.112 Safari/537.36', 'chrome', '49.0.2623.112'],
  ['Chrome 26 (first with runtime.connect)', 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.31 (KHTML, like Gecko) Chrome/26.0.1410.64 Safari/537.31', 'chrome', '26.0.1410.64'],
  ['Chrome for Android', 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36', 'chrome', '120.0.0.0'],
  ['headless Chromium', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'chrome', '156.0.0.0'],
  ['Chrome on iOS', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1', 'chrome', '120.0.6099.119'],
  ['Edge 131 (Chromium)', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86', 'edge', '131.0.2903.86'],
  ['Edge 79 (first Chromium Edge)', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.74 Safari/537.36 Edg/79.0.309.43', 'edge', '79.0.309.43'],
  ['legacy Edge 18', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.17763', 'edge', '18.17763'],
  ['legacy Edge 12', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.10240', 'edge', '12.10240'],
  ['Edge for Android', 'Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 EdgA/120.0.2210.157', 'edge', '120.0.2210.157'],
  ['Firefox 45 Windows', 'Mozilla/5.0 (Windows NT 6.1; WOW64; rv:45.0) Gecko/20100101 Firefox/45.0', 'firefox', '45.0'],
  ['Firefox ESR 153 Linux', 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'firefox', '153.0'],
  ['Firefox macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0', 'firefox', '133.0'],
  ['Firefox for Android 48', 'Mozilla/5.0 (Android 6.0.1; Mobile; rv:48.0) Gecko/48.0 Firefox/48.0', 'firefox_android', '48.0'],
  ['Firefox for Android 133', 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0', 'firefox_android', '133.0'],
  ['Firefox for Android tablet', 'Mozilla/5.0 (Android 4.4; Tablet; rv:41.0) Gecko/41.0 Firefox/41.0', 'firefox_android', '41.0'],
  ['Opera 33', 'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/46.0.2490.71 Safari/537.36 OPR/33.0.1990.43', 'opera', '33.0.1990.43'],
  ['Opera 106', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0', 'opera', '106.0.0.0'],
  ['Opera for Android', 'Mozilla/5.0 (Linux; Android 10; VOG-L29) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/110.0.0.0 Mobile Safari/537.36 OPR/74.1.3922.71193', 'opera', '74.1.3922.71193'],
  ['Opera 12 (Presto)', 'Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.16', 'opera', '12.16'],
  ['Safari (not a supported browser)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', null, null],
  ['Firefox for iOS (no WebExtensions)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/120.0 Mobile/15E148 Safari/605.1.15', null, null],
  ['empty string', '', null, null],
  ['garbage', '}{ not a user agent ✓', null, null],
];

describe('parseUserAgent', () => {
  for (const [label, userAgent, name, version] of FIXTURES) {
    it(`${label} → ${name ?? 'null'} ${version ?? ''}`, () => {
      assert.deepEqual(parseUserAgent(userAgent), name === null ? null : { name, version });
    });
  }

  it('answers null for anything that is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['Firefox/45.0'], Symbol('ua')]) assert.equal(parseUserAgent(value), null, String(typeof value));
  });

  it('has a fixture for every browser name', () => {
    const covered = new Set(FIXTURES.map(([, , name]) => name));
    for (const name of BROWSER_NAMES) assert.ok(covered.has(name), name);
  });
});
