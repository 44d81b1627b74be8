// acceptPort(), the receiving side of persistentPort() that onConnect() runs on every port: what the
// listener gets in place of a marked port, and what it leaves alone.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { acceptPort } from '../../src/port/receiver.js';
import { KEY, MARK } from '../../src/port/protocol.js';
import { FakeEvent } from '../helpers/fake-browsers.js';

function nativePort(name: string) {
  return { name, sender: { id: 'x', tab: { id: 1 } }, error: null as Error | null, droppedOptions: [] as string[], onMessage: new FakeEvent(), onDisconnect: new FakeEvent(), postMessage: sinon.spy(), disconnect: sinon.spy() };
}

describe('acceptPort', () => {
  it('hands back a port without the mark as it is', () => {
    const port = nativePort('plain');
    assert.equal(acceptPort(port as never, {}, {}), port);
    assert.equal(port.postMessage.callCount, 0);
  });

  it('gives a marked port the caller\'s name and gives sender and droppedOptions of the native port', () => {
    const port = nativePort(`feed${MARK}s1:0`);
    const wrapper = acceptPort(port as never, {}, {})!;
    assert.notEqual(wrapper, port);
    assert.deepEqual([wrapper.name, wrapper.sender, wrapper.droppedOptions, wrapper.error], ['feed', port.sender, port.droppedOptions, null]);
    assert.deepEqual(port.postMessage.firstCall.args[0][KEY], 'hello', 'says hello first');
  });

  it('works on a frozen native port (the hostile-environment guarantee: nothing escapes)', () => {
    const port = Object.freeze(nativePort(`feed${MARK}s3:0`));
    const wrapper = acceptPort(port as never, {}, {})!;
    assert.deepEqual([wrapper.name, wrapper.sender], ['feed', port.sender]);
    wrapper.postMessage({ reply: 1 });
    assert.deepEqual(port.postMessage.lastCall.args, [{ reply: 1 }]);
  });

  it('posts through the native port, bound to it, and disconnect() tells the sender it is over', () => {
    const port = nativePort(`feed${MARK}s2:0`);
    const wrapper = acceptPort(port as never, {}, {})!;
    const { postMessage } = wrapper;
    postMessage({ reply: 1 });
    assert.deepEqual(port.postMessage.lastCall.args, [{ reply: 1 }]);
    assert.equal(port.postMessage.lastCall.thisValue, port);
    wrapper.disconnect();
    assert.deepEqual(port.postMessage.lastCall.args, [{ [KEY]: 'end' }]);
    assert.equal(port.disconnect.callCount, 1);
  });
});
