import type { BrowserName } from '../../src/detect/user-agent.js';

/** Every browser name webext-connect knows, in browser-compat-data's order. */
export const BROWSER_NAMES = ['chrome', 'edge', 'firefox', 'firefox_android', 'opera', 'safari', 'safari_ios'] as const satisfies readonly BrowserName[];

// Fails to compile when BrowserName gains a name the list above lacks.
type Unlisted = Exclude<BrowserName, (typeof BROWSER_NAMES)[number]>;
/** True: the list names every BrowserName (a compile-time check). */
export const EVERY_NAME_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
