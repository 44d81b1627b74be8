// Browser names are the keys @mdn/browser-compat-data uses. ORDER MATTERS: Edge and Opera user
// agents also carry `Chrome/`, and Firefox for Android's carries `Firefox/`, so the more specific
// pattern comes first; Safari comes last, after every browser that borrows its user agent. The
// capture group is the version.
// The browsers before Safari, which are all that ever took includeTlsChannelId: connect() parses
// with these alone.
const BEFORE_SAFARI = {
  // Edg/ is Chromium-based Edge, Edge/ is legacy EdgeHTML, EdgA/EdgiOS are the mobile builds.
  edge: /\bEdg(?:e|A|iOS)?\/(\d[\d.]*)/,
  // OPR/ is Chromium-based Opera; Presto Opera put its real version after Version/.
  opera: /(?:\bOPR\/|\bOpera\b.*\bVersion\/)(\d[\d.]*)/,
  firefox_android: /\bAndroid\b.*\bFirefox\/(\d[\d.]*)/,
  firefox: /\bFirefox\/(\d[\d.]*)/,
  chrome: /(?:\b|Headless)(?:Chrome|Chromium|CriOS)\/(\d[\d.]*)/,
} as const;

// Safari: its own version after Version/, Safari/ last. Browsers that borrow its user agent add a
// token before Version/ (CriOS, FxiOS: caught above, or without Version/), between Version/ and
// Safari/ (EdgiOS, DuckDuckGo) or after Safari/ (Opera's OPT/). iPadOS's desktop-class user agent is
// the Mac's; detectBrowser() tells it by touch points.
const SAFARI = {
  safari_ios: /\bVersion\/(\d[\d.]*) Mobile\/\w+ Safari\/\S+$/,
  safari: /\bVersion\/(\d[\d.]*) Safari\/\S+$/,
} as const;

/** A browser name as @mdn/browser-compat-data spells it. */
export type BrowserName = keyof typeof BEFORE_SAFARI | keyof typeof SAFARI;

/** Every browser name webext-connect knows, most specific user-agent pattern first. */
export const BROWSER_NAMES = /*#__PURE__*/ Object.keys(BEFORE_SAFARI).concat(Object.keys(SAFARI)) as readonly BrowserName[];

function match<P extends Readonly<Record<string, RegExp>>>(userAgent: unknown, patterns: P): { name: keyof P & BrowserName; version: string } | null {
  // Real user agents are a few hundred characters; a cap keeps `.*` patterns linear on hostile ones.
  // No pattern matches the empty string a non-string becomes.
  const text = typeof userAgent === 'string' ? userAgent.slice(0, 1000) : '';
  for (const name in patterns) {
    const found = patterns[name]!.exec(text);
    if (found) return { name: name as keyof P & BrowserName, version: found[1]! };
  }
  return null;
}

/** Which browser a user-agent string names, with its version; null when it names none of them. */
export function parseUserAgent(userAgent: unknown): { name: BrowserName; version: string } | null {
  return match(userAgent, BEFORE_SAFARI) || match(userAgent, SAFARI);
}

/** parseUserAgent() that knows no Safari, as connect() needs it: no Safari ever took includeTlsChannelId. */
export function parseUserAgentBeforeSafari(userAgent: unknown): { name: BrowserName; version: string } | null {
  return match(userAgent, BEFORE_SAFARI);
}
