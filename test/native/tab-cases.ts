// connectTab()'s bad-input table, shared by the unit tests (with fakes) and the scenario list (real
// browsers): every row is refused before any native call, with the library's exact message.
const ID = 'ABCDEF0123456789ABCDEF0123456789';

/** Argument lists connectTab() must reject, with the library's message after the "webext-connect: " prefix. */
export const TAB_BAD_INPUTS: ReadonlyArray<{ label: string; args: () => unknown[]; message: string }> = [
  { label: 'no tabId', args: () => [], message: 'tabs.connect(): tabId expected a non-negative safe integer, received undefined.' },
  { label: 'string tabId', args: () => ['3'], message: 'tabs.connect(): tabId expected a non-negative safe integer, received the string "3".' },
  { label: 'negative tabId (tabs.TAB_ID_NONE)', args: () => [-1], message: 'tabs.connect(): tabId expected a non-negative safe integer, received number -1.' },
  { label: 'fractional tabId', args: () => [1.5], message: 'tabs.connect(): tabId expected a non-negative safe integer, received number 1.5.' },
  { label: 'NaN tabId', args: () => [NaN], message: 'tabs.connect(): tabId expected a non-negative safe integer, received number NaN.' },
  { label: 'unsafe tabId', args: () => [2 ** 53], message: 'tabs.connect(): tabId expected a non-negative safe integer, received number 9007199254740992.' },
  { label: 'a Tab object as tabId', args: () => [{ id: 3 }], message: 'tabs.connect(): tabId expected a non-negative safe integer, received an object.' },
  { label: 'string connectInfo', args: () => [3, 'top'], message: 'tabs.connect(): connectInfo expected an object, received the string "top".' },
  { label: 'array connectInfo', args: () => [3, []], message: 'tabs.connect(): connectInfo expected an object, received an array.' },
  { label: 'name not a string', args: () => [3, { name: 5 }], message: 'tabs.connect(): connectInfo.name expected a string, received number 5.' },
  { label: 'frameId negative', args: () => [3, { frameId: -1 }], message: 'tabs.connect(): connectInfo.frameId expected a non-negative safe integer, received number -1.' },
  { label: 'frameId a string', args: () => [3, { frameId: '0' }], message: 'tabs.connect(): connectInfo.frameId expected a non-negative safe integer, received the string "0".' },
  { label: 'frameId null', args: () => [3, { frameId: null }], message: 'tabs.connect(): connectInfo.frameId expected a non-negative safe integer, received null.' },
  { label: 'documentId empty', args: () => [3, { documentId: '' }], message: 'tabs.connect(): connectInfo.documentId expected a non-empty string, received the string "".' },
  { label: 'documentId a number', args: () => [3, { documentId: 7 }], message: 'tabs.connect(): connectInfo.documentId expected a non-empty string, received number 7.' },
  { label: 'runtime.connect\'s includeTlsChannelId', args: () => [3, { includeTlsChannelId: true }], message: "tabs.connect(): connectInfo expected only name, frameId and documentId, received property 'includeTlsChannelId'." },
  { label: 'unknown property', args: () => [3, { frameID: 0 }], message: "tabs.connect(): connectInfo expected only name, frameId and documentId, received property 'frameID'." },
  { label: 'getter that throws', args: () => [3, { get documentId() { throw new Error('nope'); } }], message: 'tabs.connect(): connectInfo.documentId expected a non-empty string, received a getter that threw.' },
  { label: 'three arguments', args: () => [3, { documentId: ID }, () => {}], message: 'tabs.connect(): arguments expected at most 2, received 3.' },
];
