import assert from 'node:assert/strict';
import { parseUserAgent, type BrowserName } from '../../src/detect/user-agent.js';
import { BROWSER_NAMES } from '../helpers/browser-names.js';

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
  // Safari on macOS, iOS and iPadOS. Safari's own version follows Version/; iOS 26 froze the OS
  // version in the user agent at 18_6, but not Safari's. An iPad asking for desktop sites (the
  // default since iPadOS 13) sends the Mac's string: detect() tells it by touch points.
  ['Safari 5.1 Mac OS X 10.6', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_6_8) AppleWebKit/534.59.10 (KHTML, like Gecko) Version/5.1.9 Safari/534.59.10', 'safari', '5.1.9'],
  ['Safari 13.1 (before Safari Web Extensions)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1 Safari/605.1.15', 'safari', '13.1'],
  ['Safari 14 macOS (first with runtime.connect)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.0 Safari/605.1.15', 'safari', '14.0'],
  ['Safari 15.4 macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.4 Safari/605.1.15', 'safari', '15.4'],
  ['Safari 17.1 macOS, or iPadOS 17 as desktop', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', 'safari', '17.1'],
  ['Safari 18.4 macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15', 'safari', '18.4'],
  ['Safari 26 macOS', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15', 'safari', '26.0'],
  ['Safari iOS 4', 'Mozilla/5.0 (iPhone; U; CPU iPhone OS 4_3_3 like Mac OS X; en-us) AppleWebKit/533.17.9 (KHTML, like Gecko) Version/5.0.2 Mobile/8J2 Safari/6533.18.5', 'safari_ios', '5.0.2'],
  ['Safari iOS 15 (first with runtime.connect)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.0 Mobile/15E148 Safari/604.1', 'safari_ios', '15.0'],
  ['Safari iOS 17.1', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', 'safari_ios', '17.1'],
  ['Safari iOS 18.4', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Mobile/15E148 Safari/604.1', 'safari_ios', '18.4'],
  ['Safari iOS 26 (OS version frozen at 18_6)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1', 'safari_ios', '26.0'],
  ['Safari iPad iOS 12 (before desktop-class)', 'Mozilla/5.0 (iPad; CPU OS 12_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1 Mobile/15E148 Safari/604.1', 'safari_ios', '12.1'],
  ['Safari iPadOS 17 asking for mobile sites', 'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1', 'safari_ios', '17.1'],
  ['Safari iPod touch', 'Mozilla/5.0 (iPod touch; CPU iPhone OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1', 'safari_ios', '12.1.2'],
  // Lookalikes: WebKit browsers on iOS (and others) that carry Safari's tokens are not Safari.
  ['Chrome on iPad', 'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1', 'chrome', '120.0.6099.119'],
  ['Edge on iOS (Version/ before EdgiOS/)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/120.0.2210.150 Mobile/15E148 Safari/605.1.15', 'edge', '120.0.2210.150'],
  ['Firefox for iOS (no WebExtensions)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/120.0 Mobile/15E148 Safari/605.1.15', null, null],
  ['Firefox for iOS on iPad', 'Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/120.0 Mobile/15E148 Safari/605.1.15', null, null],
  ['Opera on iOS (OPT/ after Safari/)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1 OPT/4.3.2', null, null],
  ['Google app on iOS', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) GSA/289.0.578315447 Mobile/15E148 Safari/604.1', null, null],
  ['an iOS app web view (WKWebView)', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148', null, null],
  ['DuckDuckGo on macOS (Ddg/ after Safari/)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15 Ddg/17.1', null, null],
  ['Android stock browser (Version/ … Mobile Safari/)', 'Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; HTC Sensation Build/IML74K) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30', null, null],
  ['Chrome on macOS (Safari/ without Version/)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'chrome', '131.0.0.0'],
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

  it('has at least ten real Safari, Safari on iOS and iPadOS user agents, and the iOS lookalikes', () => {
    assert.ok(FIXTURES.filter(([, , name]) => name === 'safari' || name === 'safari_ios').length >= 10);
    for (const token of ['CriOS/', 'EdgiOS/', 'FxiOS/']) assert.ok(FIXTURES.some(([, ua, name]) => ua.includes(token) && name !== 'safari' && name !== 'safari_ios'), token);
  });

  it('stays linear on hostile strings built from Safari\'s tokens', () => {
    const hostile = 'Version/1 Mobile/1 Safari/'.repeat(4000) + ' x';
    const started = performance.now();
    assert.equal(parseUserAgent(hostile), null);
    assert.ok(performance.now() - started < 50, 'under 50 ms');
  });

  it('has a fixture for every browser name', () => {
    const covered = new Set(FIXTURES.map(([, , name]) => name));
    for (const name of BROWSER_NAMES) assert.ok(covered.has(name), name);
  });
});
