import type { FeatureSupport } from './query.js';

// What runtime.connect() and the parts it depends on do in each browser, in the shape of
// @mdn/browser-compat-data: feature → browser key → { version_added, version_removed?, notes? }.
// version_added is the first version with the feature (a string), true (every version) or false
// (none); version_removed is the first version without it again. Every feature lists all five
// browsers. Each value that is not obvious carries a one-line note; a note that names
// browser-compat-data and its value is how a deliberate difference from it is allowed.
export const COMPAT_TABLE = {
  'runtime.connect': {
    chrome: { version_added: true, notes: 'Docs: yes; browser-compat-data: 26' },
    edge: { version_added: false, notes: 'Docs: no; browser-compat-data: 79' },
    firefox: { version_added: '45' },
    firefox_android: { version_added: '48' },
    opera: { version_added: '33', notes: 'Docs: 33; browser-compat-data: 15' },
  },
  'runtime.connect.connectInfo.includeTlsChannelId': {
    chrome: { version_added: '32', version_removed: '72', notes: 'Accepted, a no-op since 72: crbug.com/1045232' },
    edge: { version_added: false, notes: 'Edge 79 postdates the no-op' },
    firefox: { version_added: false, notes: 'Accepted, ignored' },
    firefox_android: { version_added: false, notes: 'Accepted, ignored' },
    opera: { version_added: '33', version_removed: '59', notes: 'Chromium 32-72 is Opera 19-59; 33 as connect' },
  },
  'runtime.Port.error': {
    chrome: { version_added: false, notes: 'runtime.lastError in onDisconnect' },
    edge: { version_added: false, notes: 'runtime.lastError in onDisconnect' },
    firefox: { version_added: '52' },
    firefox_android: { version_added: '52' },
    opera: { version_added: false, notes: 'runtime.lastError in onDisconnect' },
  },
} as const satisfies Readonly<Record<string, FeatureSupport>>;

// Where each feature lives in @mdn/browser-compat-data, for the test that compares the two; not
// part of the bundle.
export const BCD_PATHS: Readonly<Record<keyof typeof COMPAT_TABLE, string | null>> = {
  'runtime.connect': 'webextensions.api.runtime.connect',
  // browser-compat-data has includeTlsChannelId only under runtime.sendMessage's options.
  'runtime.connect.connectInfo.includeTlsChannelId': null,
  'runtime.Port.error': 'webextensions.api.runtime.Port.error',
};
