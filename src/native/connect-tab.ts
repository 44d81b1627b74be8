import { supports } from '../compat/support.js';
import { TABS_CONNECT_DOCUMENT_ID } from '../compat/table.js';
import { detectNamespace } from '../detect/namespace.js';
import { parseUserAgent } from '../detect/user-agent.js';
import { ConnectTypeError, contextInvalidated, describe, messageOf, WebextConnectError } from '../errors.js';
import { read } from '../read.js';
import { currentScope } from '../scope.js';
import type { NativePort, PortLike, Scope } from '../types.js';
import { isType, readInfo, type InfoRule } from './normalize-args.js';
import { normalizePort, type ConnectedPort } from './port.js';

/** The `connectInfo` of tabs.connect: which frame or document of the tab, and the port's name. */
export interface TabConnectInfo {
  name?: string;
  /** The frame to connect to (0: the top frame); without it, every frame of the tab with a listener. */
  frameId?: number;
  /** The document to connect to, as `sender.documentId` or webNavigation give it; not in every browser (see connectTab()). */
  documentId?: string;
}

const CALL = 'tabs.connect()';
const INDEX = 'a non-negative safe integer';
// Tab and frame ids: Number.isSafeInteger is false for anything that is not a number.
const isIndex = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

const TAB_CONNECT_INFO_RULES: Readonly<Record<keyof TabConnectInfo, InfoRule>> = {
  name: ['a string', isType('string')],
  frameId: [INDEX, isIndex],
  documentId: ['a non-empty string', (value) => typeof value === 'string' && value !== ''],
};

// How Chromium's and Firefox's schemas refuse a documentId they do not know.
const UNKNOWN_DOCUMENT_ID = /Unexpected property\W+documentId/;

// The table decides for a browser the user agent names; for one it does not, the native schema does
// (Chromium's and Firefox's refuse a property they do not know; only WebKit might ignore one, and
// its user agent is always told).
function lacksDocumentId(scope: Scope): boolean {
  const browser = parseUserAgent(read(read(scope, 'navigator'), 'userAgent'));
  return !!browser && !supports(TABS_CONNECT_DOCUMENT_ID, browser.name, browser.version);
}

// Connecting without the documentId, by frameId or to the whole tab, could reach a document other
// than the one asked for (the frame may have navigated), and where documentId is unknown nothing
// tells which document a frame holds (Firefox 140 has no document ids at all): refused, never dropped.
function unsupportedDocumentId(cause?: unknown): WebextConnectError {
  return new WebextConnectError('UNSUPPORTED_OPTION', `${CALL}: connectInfo.documentId is not supported by this browser (Chrome 106, Firefox 153, Safari 18.4 and later): connect by frameId instead.`, cause);
}

/** connectTab() against the extension API found in `scope`: the testable core of {@link connectTab}. */
export function connectTabIn(scope: Scope, args: unknown[]): ConnectedPort {
  if (args.length > 2) throw new ConnectTypeError('arguments', 'at most 2', `${args.length}`, CALL);
  const [tabId, info] = args;
  if (!isIndex(tabId)) throw new ConnectTypeError('tabId', INDEX, describe(tabId), CALL);
  const connectInfo = info == null ? undefined : readInfo<TabConnectInfo>(info, TAB_CONNECT_INFO_RULES, CALL);
  // The tabs API hangs on the namespace connect() uses; content scripts and web pages have none.
  const { api } = detectNamespace(scope);
  const tabs = read(api, 'tabs');
  const native = read(tabs, 'connect');
  if (!api || typeof native !== 'function') {
    throw new WebextConnectError('NO_EXTENSION_API', 'tabs.connect is not available here: use it in an extension page or background (content scripts and web pages have no tabs API).');
  }
  const byDocument = !!connectInfo && connectInfo.documentId !== undefined;
  if (byDocument && lacksDocumentId(scope)) throw unsupportedDocumentId();
  let port: NativePort;
  try {
    port = connectInfo ? native.call(tabs, tabId, connectInfo) : native.call(tabs, tabId);
  } catch (error) {
    const message = messageOf(error);
    if (byDocument && UNKNOWN_DOCUMENT_ID.test(message)) throw unsupportedDocumentId(error);
    throw contextInvalidated(error, message) || error;
  }
  return normalizePort(port, api.runtime);
}

// P as in connect(): inferred from where the port goes, otherwise ConnectedPort<M>.
/**
 * tabs.connect(tabId, connectInfo?): a port to the content scripts of one tab (one frame by
 * `frameId`, one document by `documentId`), with connect()'s errors and Port in every browser; `M`
 * types the messages.
 */
export function connectTab<M = any, P extends PortLike = ConnectedPort<M>>(tabId: number, connectInfo?: TabConnectInfo | null): P;
// Never chosen by a call: keeps ReturnType<typeof connectTab> ConnectedPort, as for connect().
/** tabs.connect(tabId, connectInfo?): the overload type queries see. */
export function connectTab(tabId: number, connectInfo?: TabConnectInfo | null): ConnectedPort;
export function connectTab(...args: unknown[]): PortLike {
  return connectTabIn(currentScope(), args);
}
