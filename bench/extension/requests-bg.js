// Background of the request bench: the same echo three ways, each registered at the top level.
// port.request() is answered by onRequest(); runtime.sendMessage by a raw onMessage listener that
// replies with sendResponse; @webext-core/messaging's sendMessage by its own onMessage(). Each
// listener leaves the others' messages alone (the raw one answers only `{ echo }`; webext-core's
// only messages with its `type` and `timestamp`).
webextConnect.onRequest('echo', (data) => data);

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message && typeof message === 'object' && 'echo' in message) sendResponse(message.echo);
});

webextCoreMessaging.defineExtensionMessaging().onMessage('echo', ({ data }) => data);
