// Content script: connects to the background with a name, greets it, logs what comes back, and
// forwards clicks in the page; beside that port, a persistent one that outlives the background,
// used when a key is pressed, and a request on it when Enter is pressed; and it answers the port the background opens to this tab with
// connectTab(). Loaded after webext-connect.umd.js, which defines `webextConnect`.
const { connect, onConnect, persistentPort } = webextConnect;

const myPort = connect({ name: 'port-from-cs' });

function send(greeting) {
  exampleLog('content', 'sent', greeting);
  try {
    myPort.postMessage({ greeting });
  } catch (error) {
    // After the background stopped, the plain port is gone: PORT_DISCONNECTED, the same in every browser.
    exampleLog('content', 'note', `plain port: ${error.code}: ${error.message}`);
  }
}

myPort.onMessage.addListener((m) => {
  exampleLog('content', 'received', m.greeting);
});

myPort.onDisconnect.addListener((p) => {
  exampleLog('content', 'note', `disconnected${p.error ? `: ${p.error.message}` : ''}`);
});

send('hello from content script');

document.body.addEventListener('click', () => {
  send('they clicked the page!');
});

// A port that outlives the background: it reopens when there is something to send after the
// background was stopped or suspended, and resends what the background had not acknowledged.
const steady = persistentPort({ name: 'persistent-from-cs' });
steady.onMessage.addListener((m) => exampleLog('content', 'received', m.greeting));
steady.onReconnect.addListener(() => exampleLog('content', 'note', 'persistent port: reconnected to a restarted background'));
steady.onDisconnect.addListener((p) => exampleLog('content', 'note', `persistent port ended: ${p.error ? p.error.code : 'disconnect()'}`));

// A request on the persistent port: it settles once, with the reply or an error whose code says why,
// even when the background stops before it answers.
async function ask() {
  const why = 'they pressed Enter';
  exampleLog('content', 'sent', `request "count" (${why})`);
  try {
    const count = await steady.request('count', { why }, { timeout: 5000 });
    exampleLog('content', 'received', `reply to "count": request ${count} this background answered`);
  } catch (error) {
    exampleLog('content', 'note', `request "count" failed: ${error.code}`);
  }
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    ask();
    return;
  }
  const greeting = `they pressed "${event.key}"`;
  exampleLog('content', 'sent', `${greeting} (persistent port)`);
  steady.postMessage({ greeting });
});

// Ports the background opens to this tab (connectTab) arrive here, as runtime ports arrive in the background.
onConnect((fromBackground) => {
  fromBackground.onMessage.addListener((m) => {
    exampleLog('content', 'received', m.greeting);
    const greeting = `the content script answers on "${fromBackground.name}"`;
    exampleLog('content', 'sent', `${greeting} (tab port)`);
    fromBackground.postMessage({ greeting });
  });
});

exampleReportEnvironment('content');
