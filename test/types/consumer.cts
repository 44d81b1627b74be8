// Compiled, never run: the published types seen by a CommonJS consumer.
import webextConnect = require('webext-connect');

const port: webextConnect.ConnectedPort = webextConnect.connect('id');
const supported: boolean = webextConnect.isSupported('runtime.Port.error');
const problems: webextConnect.MessageProblem[] = webextConnect.checkMessage(new Map());
// @ts-expect-error a typo in a feature name is a compile error
webextConnect.isSupported('runtime.port.error');
export = { port, supported, problems };
