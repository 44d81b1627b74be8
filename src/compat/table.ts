import type { FeatureSupport } from './query.js';

// What runtime.connect() and the parts it depends on do in each browser, in the shape of
// @mdn/browser-compat-data: feature → browser key → { version_added, version_removed? }.
// version_added is the first version with the feature (a string), true (every version) or false
// (none); version_removed is the first version without it again. Every feature lists every browser.
// Why a value is what it is, where that is not obvious, is in notes.ts under the same keys: the notes
// are data too, but only those who read them pay for them. One const per feature, so a module that
// needs one row (connect() needs includeTlsChannelId's) does not carry the table. The safari and
// safari_ios columns come from documentation (browser-compat-data, WebKit's source), not from a run
// in a real Safari.

export const RUNTIME_CONNECT = {
  chrome: { version_added: true },
  edge: { version_added: false },
  firefox: { version_added: '45' },
  firefox_android: { version_added: '48' },
  opera: { version_added: '33' },
  safari: { version_added: '14' },
  safari_ios: { version_added: '15' },
} as const satisfies FeatureSupport;

export const INCLUDE_TLS_CHANNEL_ID = {
  chrome: { version_added: '32', version_removed: '72' },
  edge: { version_added: false },
  firefox: { version_added: false },
  firefox_android: { version_added: false },
  opera: { version_added: '33', version_removed: '59' },
  safari: { version_added: false },
  safari_ios: { version_added: false },
} as const satisfies FeatureSupport;

export const PORT_ERROR = {
  chrome: { version_added: false },
  edge: { version_added: false },
  firefox: { version_added: '52' },
  firefox_android: { version_added: '52' },
  opera: { version_added: false },
  safari: { version_added: '18' },
  safari_ios: { version_added: '18' },
} as const satisfies FeatureSupport;

export const COMPAT_TABLE = {
  'runtime.connect': RUNTIME_CONNECT,
  'runtime.connect.connectInfo.includeTlsChannelId': INCLUDE_TLS_CHANNEL_ID,
  'runtime.Port.error': PORT_ERROR,
} as const;

// Where each feature lives in @mdn/browser-compat-data, for the test that compares the two; not
// part of the bundle.
export const BCD_PATHS: Readonly<Record<keyof typeof COMPAT_TABLE, string | null>> = {
  'runtime.connect': 'webextensions.api.runtime.connect',
  // browser-compat-data has includeTlsChannelId only under runtime.sendMessage's options.
  'runtime.connect.connectInfo.includeTlsChannelId': null,
  'runtime.Port.error': 'webextensions.api.runtime.Port.error',
};
