// Background: answers the content script's connection, echoes what it receives, and sends a
// message when the toolbar button is clicked; answers the persistent port's messages and requests
// too; and opens a port of its own to the content script of the tab that connected (connectTab).
// Plain script using the global `webextConnect`:
// Firefox loads it after webext-connect.umd.js; Chromium's module service worker (bg-module.js)
// sets the global from webext-connect.mjs before importing it.
(() => {
  const { onConnect, onRequest, connectTab, detect } = webextConnect;
  let portFromCS;

  // Registered at the top level, so a background woken by a request has its handler before the
  // request arrives. The count starts again in each new background, so the reply shows which one answered.
  let requestsAnswered = 0;
  onRequest('count', (data) => {
    exampleLog('background', 'received', `request "count" (${data.why})`);
    requestsAnswered += 1;
    return requestsAnswered;
  });

  function send(port, greeting) {
    exampleLog('background', 'sent', greeting);
    port.postMessage({ greeting });
  }

  onConnect((p) => {
    if (p.name === 'persistent-from-cs') {
      // The persistent port: each message delivered once, in order, even across a restart of this background.
      p.onMessage.addListener((m) => {
        exampleLog('background', 'received', `${m.greeting} (persistent port)`);
        send(p, `the background answers: ${m.greeting}`);
      });
      return;
    }
    portFromCS = p;
    exampleLog('background', 'note', `connection "${p.name}" from ${p.sender && p.sender.url}`);
    send(portFromCS, 'hi there content script!');
    p.onMessage.addListener((m) => {
      exampleLog('background', 'received', m.greeting);
      send(p, `In background script, received message from content script: ${m.greeting}`);
    });
    exampleReportEnvironment('background');

    // The other half: a port from the background to that tab's content script, in the frame that connected.
    const { tab, frameId } = p.sender;
    const toTab = connectTab(tab.id, { name: 'from-background', frameId });
    toTab.onMessage.addListener((m) => exampleLog('background', 'received', `${m.greeting} (tab port)`));
    toTab.onDisconnect.addListener(() => exampleLog('background', 'note', `tab port closed${toTab.error ? `: ${toTab.error.code || toTab.error.message}` : ''}`));
    send(toTab, 'hello, tab! (tab port)');
  });

  // The toolbar button: `action` in Manifest V3 (Chromium), `browserAction` in Manifest V2 (Firefox),
  // on whichever namespace detect() found.
  const { api } = detect();
  const action = api.action || api.browserAction;
  action.onClicked.addListener(() => {
    if (portFromCS) send(portFromCS, 'they clicked the button!');
    else exampleLog('background', 'note', 'button clicked, but no content script has connected yet');
  });
})();
