// Chromium's background service worker ("type": "module"). Imports run in this order, so the
// global is set before background.js runs.
import './webext-connect-global.js';
import './config.js';
import './log.js';
import './background.js';
