import type { BrowserName } from '../detect/user-agent.js';

// The shapes of the compat table, apart from its data (table.ts) and its queries (query.ts), so
// that each of those imports them without importing the other.

/** One browser's support for one feature, as @mdn/browser-compat-data states it. */
export interface SupportStatement {
  /** The first version with the feature, true for every version, false for none. */
  readonly version_added: string | boolean;
  /** The first version without the feature again. */
  readonly version_removed?: string;
}

/** One feature's support in every browser webext-connect knows. */
export type FeatureSupport = { readonly [B in BrowserName]: SupportStatement };

// Spelled out rather than `keyof typeof COMPAT_TABLE` so the published declarations show the names,
// not the table's literal type; table.ts's `satisfies` fails on a name missing here or there.
/** The name of a feature in the compat table; a typo is a compile error. */
export type FeatureName =
  | 'runtime.connect'
  | 'runtime.connect.connectInfo.includeTlsChannelId'
  | 'runtime.MessageSender.tlsChannelId'
  | 'runtime.onConnect'
  | 'runtime.onConnectExternal'
  | 'manifest.externally_connectable'
  | 'runtime.MessageSender.origin'
  | 'runtime.MessageSender.documentId'
  | 'runtime.MessageSender.documentLifecycle'
  | 'runtime.Port.error'
  | 'runtime.Port.postMessage.structured_clone'
  | 'tabs.connect'
  | 'tabs.connect.connectInfo.frameId'
  | 'tabs.connect.connectInfo.documentId';
