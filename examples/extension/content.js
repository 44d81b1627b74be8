// Content script: connects to the background with a name, greets it, logs what comes back, and
// forwards clicks in the page. Loaded after webext-connect.umd.js, which defines `webextConnect`.
const { connect } = webextConnect;

const myPort = connect({ name: 'port-from-cs' });

function send(greeting) {
  exampleLog('content', 'sent', greeting);
  myPort.postMessage({ greeting });
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

exampleReportEnvironment('content');
