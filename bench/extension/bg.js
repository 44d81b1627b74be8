// Echoes every message back on the port it came from.
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((message) => port.postMessage(message));
});
