// Browser names are the keys @mdn/browser-compat-data uses. ORDER MATTERS: Edge and Opera user
// agents also carry `Chrome/`, and Firefox for Android's carries `Firefox/`, so the more specific
// pattern comes first. The first capture group that matched is the version.
const USER_AGENT_PATTERNS = {
  // Edg/ is Chromium-based Edge, Edge/ is legacy EdgeHTML, EdgA/EdgiOS are the mobile builds.
  edge: /\bEdg(?:e|A|iOS)?\/(\d[\d.]*)/,
  // OPR/ is Chromium-based Opera; Presto Opera put its real version after Version/.
  opera: /\bOPR\/(\d[\d.]*)|\bOpera\b.*\bVersion\/(\d[\d.]*)/,
  firefox_android: /\bAndroid\b.*\bFirefox\/(\d[\d.]*)/,
  firefox: /\bFirefox\/(\d[\d.]*)/,
  chrome: /(?:\b|Headless)(?:Chrome|Chromium|CriOS)\/(\d[\d.]*)/,
} as const;

/** A browser name as @mdn/browser-compat-data spells it. */
export type BrowserName = keyof typeof USER_AGENT_PATTERNS;

/** Every browser name webext-connect knows, most specific user-agent pattern first. */
export const BROWSER_NAMES = Object.keys(USER_AGENT_PATTERNS) as readonly BrowserName[];

/** Which browser a user-agent string names, with its version; null when it names none of them. */
export function parseUserAgent(userAgent: unknown): { name: BrowserName; version: string } | null {
  if (typeof userAgent !== 'string') return null;
  // Real user agents are a few hundred characters; a cap keeps `.*` patterns linear on hostile ones.
  const text = userAgent.slice(0, 1000);
  for (const name of BROWSER_NAMES) {
    const match = USER_AGENT_PATTERNS[name].exec(text);
    if (match) return { name, version: match[1] || match[2] };
  }
  return null;
}
