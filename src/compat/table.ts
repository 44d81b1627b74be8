import type { FeatureSupport } from './query.js';

// What runtime.connect() and tabs.connect() and the parts they use or report do in each browser, in
// the shape of @mdn/browser-compat-data: feature → browser key → { version_added, version_removed? }.
// version_added is the first version with the feature (a string such as "15.4"), true (every
// version) or false (none); version_removed is the first version without it again. Every feature
// lists every browser, in browser-compat-data's order. Feature names are browser-compat-data's
// without its "webextensions.api." prefix; the rows go connect, what it sends, who receives, what
// the receiver learns, the Port, then tabs.connect and its options. Why a value is what it is, where
// that is not obvious, is in notes.ts under the same keys: the notes are data too, but only those
// who read them pay for them.
// One const per feature, so a module that needs one row (connect() needs includeTlsChannelId's)
// does not carry the table. The safari and safari_ios columns come from documentation
// (browser-compat-data, WebKit's source), not from a run in a real Safari.

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

export const SENDER_TLS_CHANNEL_ID = {
  chrome: { version_added: '32', version_removed: '72' },
  edge: { version_added: false },
  firefox: { version_added: false },
  firefox_android: { version_added: false },
  opera: { version_added: '19', version_removed: '59' },
  safari: { version_added: false },
  safari_ios: { version_added: false },
} as const satisfies FeatureSupport;

export const ON_CONNECT = {
  chrome: { version_added: '26' },
  edge: { version_added: '79' },
  firefox: { version_added: '45' },
  firefox_android: { version_added: '48' },
  opera: { version_added: '15' },
  safari: { version_added: '14' },
  safari_ios: { version_added: '15' },
} as const satisfies FeatureSupport;

export const ON_CONNECT_EXTERNAL = {
  chrome: { version_added: '26' },
  edge: { version_added: '79' },
  firefox: { version_added: '54' },
  firefox_android: { version_added: '54' },
  opera: { version_added: '15' },
  safari: { version_added: '15.4' },
  safari_ios: { version_added: '15.4' },
} as const satisfies FeatureSupport;

export const EXTERNALLY_CONNECTABLE = {
  chrome: { version_added: true },
  edge: { version_added: '79' },
  firefox: { version_added: false },
  firefox_android: { version_added: false },
  opera: { version_added: '33' },
  safari: { version_added: '15.4' },
  safari_ios: { version_added: '15.4' },
} as const satisfies FeatureSupport;

export const SENDER_ORIGIN = {
  chrome: { version_added: '80' },
  edge: { version_added: '80' },
  firefox: { version_added: '126' },
  firefox_android: { version_added: '126' },
  opera: { version_added: '67' },
  safari: { version_added: '14' },
  safari_ios: { version_added: '15' },
} as const satisfies FeatureSupport;

export const SENDER_DOCUMENT_ID = {
  chrome: { version_added: '106' },
  edge: { version_added: '106' },
  firefox: { version_added: '153' },
  firefox_android: { version_added: '153' },
  opera: { version_added: '92' },
  safari: { version_added: '18.4' },
  safari_ios: { version_added: '18.4' },
} as const satisfies FeatureSupport;

export const SENDER_DOCUMENT_LIFECYCLE = {
  chrome: { version_added: '106' },
  edge: { version_added: '106' },
  firefox: { version_added: false },
  firefox_android: { version_added: false },
  opera: { version_added: '92' },
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

export const STRUCTURED_CLONE = {
  chrome: { version_added: '148' },
  edge: { version_added: false },
  firefox: { version_added: true },
  firefox_android: { version_added: true },
  opera: { version_added: false },
  safari: { version_added: false },
  safari_ios: { version_added: false },
} as const satisfies FeatureSupport;

export const TABS_CONNECT = {
  chrome: { version_added: '5' },
  edge: { version_added: '79' },
  firefox: { version_added: '45' },
  firefox_android: { version_added: '54' },
  opera: { version_added: '15' },
  safari: { version_added: '14' },
  safari_ios: { version_added: '15' },
} as const satisfies FeatureSupport;

export const TABS_CONNECT_FRAME_ID = {
  chrome: { version_added: '41' },
  edge: { version_added: '79' },
  firefox: { version_added: '45' },
  firefox_android: { version_added: '54' },
  opera: { version_added: '28' },
  safari: { version_added: '14' },
  safari_ios: { version_added: '15' },
} as const satisfies FeatureSupport;

export const TABS_CONNECT_DOCUMENT_ID = {
  chrome: { version_added: '106' },
  edge: { version_added: '106' },
  firefox: { version_added: '153' },
  firefox_android: { version_added: '153' },
  opera: { version_added: '92' },
  safari: { version_added: '18.4' },
  safari_ios: { version_added: '18.4' },
} as const satisfies FeatureSupport;

export const COMPAT_TABLE = {
  'runtime.connect': RUNTIME_CONNECT,
  'runtime.connect.connectInfo.includeTlsChannelId': INCLUDE_TLS_CHANNEL_ID,
  'runtime.MessageSender.tlsChannelId': SENDER_TLS_CHANNEL_ID,
  'runtime.onConnect': ON_CONNECT,
  'runtime.onConnectExternal': ON_CONNECT_EXTERNAL,
  'manifest.externally_connectable': EXTERNALLY_CONNECTABLE,
  'runtime.MessageSender.origin': SENDER_ORIGIN,
  'runtime.MessageSender.documentId': SENDER_DOCUMENT_ID,
  'runtime.MessageSender.documentLifecycle': SENDER_DOCUMENT_LIFECYCLE,
  'runtime.Port.error': PORT_ERROR,
  'runtime.Port.postMessage.structured_clone': STRUCTURED_CLONE,
  'tabs.connect': TABS_CONNECT,
  'tabs.connect.connectInfo.frameId': TABS_CONNECT_FRAME_ID,
  'tabs.connect.connectInfo.documentId': TABS_CONNECT_DOCUMENT_ID,
} as const;

// Where each feature lives in @mdn/browser-compat-data 8.1.9, for the test that compares the two;
// not part of the bundle.
export const BCD_PATHS: Readonly<Record<keyof typeof COMPAT_TABLE, string | null>> = {
  'runtime.connect': 'webextensions.api.runtime.connect',
  // browser-compat-data has includeTlsChannelId only under runtime.sendMessage's options.
  'runtime.connect.connectInfo.includeTlsChannelId': null,
  'runtime.MessageSender.tlsChannelId': 'webextensions.api.runtime.MessageSender.tlsChannelId',
  'runtime.onConnect': 'webextensions.api.runtime.onConnect',
  'runtime.onConnectExternal': 'webextensions.api.runtime.onConnectExternal',
  'manifest.externally_connectable': 'webextensions.manifest.externally_connectable',
  'runtime.MessageSender.origin': 'webextensions.api.runtime.MessageSender.origin',
  'runtime.MessageSender.documentId': 'webextensions.api.runtime.MessageSender.documentId',
  'runtime.MessageSender.documentLifecycle': 'webextensions.api.runtime.MessageSender.documentLifecycle',
  'runtime.Port.error': 'webextensions.api.runtime.Port.error',
  // Not in browser-compat-data 8.1.9; the notes name the sources.
  'runtime.Port.postMessage.structured_clone': null,
  'tabs.connect': 'webextensions.api.tabs.connect',
  'tabs.connect.connectInfo.frameId': 'webextensions.api.tabs.connect.connectInfo.frameId',
  'tabs.connect.connectInfo.documentId': 'webextensions.api.tabs.connect.connectInfo.documentId',
};
