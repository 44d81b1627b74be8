import type { BrowserName } from '../detect/user-agent.js';
import type { COMPAT_TABLE } from './table.js';

// Why a value of the compat table (table.ts) is what it is: feature → browser → one line, only where
// the value is not obvious. A note that names browser-compat-data and its value is how a deliberate
// difference from it is allowed ("Docs" is the runtime.connect documentation this project follows).
export const COMPAT_NOTES = {
  'runtime.connect': {
    chrome: 'Docs: yes; browser-compat-data: 26',
    edge: 'Docs: no; browser-compat-data: 79',
    opera: 'Docs: 33; browser-compat-data: 15',
  },
  'runtime.connect.connectInfo.includeTlsChannelId': {
    chrome: 'Accepted, a no-op since 72: crbug.com/1045232',
    edge: 'Edge 79 postdates the no-op',
    firefox: 'Accepted, ignored',
    firefox_android: 'Accepted, ignored',
    opera: 'Chromium 32-72 is Opera 19-59; 33 as connect',
    safari: 'WebKit reads only name',
    safari_ios: 'WebKit reads only name',
  },
  'runtime.Port.error': {
    chrome: 'runtime.lastError in onDisconnect',
    edge: 'runtime.lastError in onDisconnect',
    opera: 'runtime.lastError in onDisconnect',
  },
} as const satisfies { readonly [F in keyof typeof COMPAT_TABLE]: { readonly [B in BrowserName]?: string } };
