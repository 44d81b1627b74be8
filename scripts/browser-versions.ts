// Prints which browsers the real-browser tests would use, e.g.
// "e2e: Chromium 156.0.8078.114 (/usr/bin/chromium), Firefox 153.8.0esr (/usr/bin/firefox-esr)".
import { describeBrowsers } from '../harness/browsers.js';

console.log(await describeBrowsers());
