import type { BrowserName } from '../detect/user-agent.js';
import type { COMPAT_TABLE } from './table.js';

// Why a value of the compat table (table.ts) is what it is: feature → browser → one line, only where
// the value is not obvious. A note that names browser-compat-data and its value is how a deliberate
// difference from it is allowed ("Docs" is the runtime.connect documentation this project follows).
// Identical lines share one number in the README.
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
  'runtime.MessageSender.tlsChannelId': {
    chrome: 'Not set since 72: crbug.com/1045232; browser-compat-data: not removed',
    edge: 'Edge 79 postdates the no-op; browser-compat-data: 79',
    firefox: 'Not sent',
    firefox_android: 'Not sent',
    opera: 'Chromium 32-72 is Opera 19-59; browser-compat-data: not removed',
    safari: 'Not sent',
    safari_ios: 'Not sent',
  },
  'runtime.onConnect': {},
  'runtime.onConnectExternal': {
    safari: 'Web pages only',
    safari_ios: 'Web pages only',
  },
  'manifest.externally_connectable': {
    chrome: 'First version undocumented; browser-compat-data: ≤67',
    firefox: 'Not implemented: bugzil.la/1319168',
    firefox_android: 'Not implemented: bugzil.la/1319168',
    opera: 'As runtime.connect',
    safari: 'Web pages (matches) only',
    safari_ios: 'Web pages (matches) only',
  },
  'runtime.MessageSender.origin': {},
  'runtime.MessageSender.documentId': {},
  'runtime.MessageSender.documentLifecycle': {
    firefox: 'Not sent',
    firefox_android: 'Not sent',
    safari: 'Not sent',
    safari_ios: 'Not sent',
  },
  'runtime.Port.error': {
    chrome: 'runtime.lastError in onDisconnect',
    edge: 'runtime.lastError in onDisconnect',
    opera: 'runtime.lastError in onDisconnect',
  },
  'runtime.Port.postMessage.structured_clone': {
    chrome: 'Opt-in by the manifest (seen in 156): developer.chrome.com/blog/structured-clone-messaging',
    edge: 'Not documented',
    firefox: 'Always structured clone',
    firefox_android: 'Always structured clone',
    opera: 'Not documented',
    safari: 'JSON only (WebKit)',
    safari_ios: 'JSON only (WebKit)',
  },
  'tabs.connect': {},
  'tabs.connect.connectInfo.frameId': {},
  'tabs.connect.connectInfo.documentId': {
    firefox: 'ESR 140 refuses it ("Unexpected property", seen in 140.12)',
  },
} as const satisfies { readonly [F in keyof typeof COMPAT_TABLE]: { readonly [B in BrowserName]?: string } };
