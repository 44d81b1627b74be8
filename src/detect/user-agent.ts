/** A browser name as @mdn/browser-compat-data spells it. */
export type BrowserName = 'chrome' | 'edge' | 'firefox' | 'firefox_android' | 'opera' | 'safari' | 'safari_ios';

// Browser names are the keys @mdn/browser-compat-data uses. ORDER MATTERS: Edge and Opera user
// agents also carry `Chrome/`, and Firefox for Android's carries `Firefox/`, so the more specific
// pattern comes first; Safari comes last, after every browser that borrows its user agent. The
// capture group is the version.
const USER_AGENT_PATTERNS: ReadonlyArray<readonly [BrowserName, RegExp]> = [
  // Edg/ is Chromium-based Edge, Edge/ is legacy EdgeHTML, EdgA/EdgiOS are the mobile builds.
  ['edge', /\bEdg(?:e|A|iOS)?\/(\d[\d.]*)/],
  // OPR/ is Chromium-based Opera; Presto Opera put its real version after Version/.
  ['opera', /(?:\bOPR\/|\bOpera\b.*\bVersion\/)(\d[\d.]*)/],
  ['firefox_android', /\bAndroid\b.*\bFirefox\/(\d[\d.]*)/],
  ['firefox', /\bFirefox\/(\d[\d.]*)/],
  ['chrome', /(?:\b|Headless)(?:Chrome|Chromium|CriOS)\/(\d[\d.]*)/],
  // Safari: its own version after Version/, Safari/ last. Browsers that borrow its user agent add a
  // token before Version/ (CriOS, FxiOS: caught above, or without Version/), between Version/ and
  // Safari/ (EdgiOS, DuckDuckGo) or after Safari/ (Opera's OPT/). iPadOS's desktop-class user agent
  // is the Mac's; detectBrowser() tells it by touch points.
  ['safari_ios', /\bVersion\/(\d[\d.]*) Mobile\/\w+ Safari\/\S+$/],
  ['safari', /\bVersion\/(\d[\d.]*) Safari\/\S+$/],
];

/** Which browser a user-agent string names, with its version; null when it names none of them. */
export function parseUserAgent(userAgent: unknown): { name: BrowserName; version: string } | null {
  // Real user agents are a few hundred characters; a cap keeps `.*` patterns linear on hostile ones.
  // No pattern matches the empty string a non-string becomes.
  const text = typeof userAgent === 'string' ? userAgent.slice(0, 1000) : '';
  for (const [name, pattern] of USER_AGENT_PATTERNS) {
    const found = pattern.exec(text);
    if (found) return { name, version: found[1]! };
  }
  return null;
}
