// The library's errors: isWebextConnectError() tells them from every other value, and the argument
// errors are TypeErrors named 'TypeError' with a code.
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { ConnectTypeError, isWebextConnectError, noExtensionApi, UnsendableMessageError, WebextConnectError } from '../src/errors.js';
import { listenIn } from '../src/port/on-connect.js';
import { createFakeBrowser } from './helpers/fake-browsers.js';

describe('isWebextConnectError', () => {
  const ours: ReadonlyArray<readonly [string, unknown, string]> = [
    ['ConnectTypeError', new ConnectTypeError('extensionId', 'a non-empty string', 'number 5'), 'INVALID_ARGUMENT'],
    ['UnsendableMessageError', new UnsendableMessageError('a function'), 'UNSENDABLE_MESSAGE'],
    ['WebextConnectError', new WebextConnectError('PORT_DISCONNECTED', 'port.postMessage(): the port is disconnected.'), 'PORT_DISCONNECTED'],
    ['noExtensionApi()', noExtensionApi('runtime.connect'), 'NO_EXTENSION_API'],
  ];
  for (const [label, error, code] of ours) {
    it(`is true for a ${label}, whose code is ${code}`, () => {
      assert.equal(isWebextConnectError(error), true);
      if (isWebextConnectError(error)) assert.equal(error.code, code);
    });
  }

  it('keeps the argument and message errors TypeErrors named TypeError', () => {
    for (const [label, error] of ours.slice(0, 2)) {
      assert.ok(error instanceof TypeError, label);
      assert.equal((error as Error).name, 'TypeError', label);
    }
    assert.equal((ours[2]![1] as Error).name, 'WebextConnectError');
  });

  it('is false for the browser\'s errors and lookalikes, even with a code or the message format', () => {
    const foreign = vm.runInNewContext('new TypeError("x")');
    const others: unknown[] = [
      new Error('webext-connect: port.postMessage(): the port is disconnected.'),
      Object.assign(new TypeError('webext-connect: runtime.connect(): x'), { code: 'INVALID_ARGUMENT' }),
      { name: 'WebextConnectError', code: 'PORT_DISCONNECTED', message: 'webext-connect: x' },
      foreign, undefined, null, 'INVALID_ARGUMENT', 0,
    ];
    for (const [index, value] of others.entries()) assert.equal(isWebextConnectError(value), false, `#${index}`);
  });
});

describe('onConnect() with a listener that is not a function', () => {
  it('throws a ConnectTypeError: a TypeError with code INVALID_ARGUMENT and the one message format', () => {
    const fake = createFakeBrowser('chromium');
    for (const event of ['onConnect', 'onConnectExternal'] as const) {
      assert.throws(
        () => listenIn(fake.scope, event, 'nope' as never),
        (error: unknown) => {
          assert.ok(isWebextConnectError(error) && error instanceof TypeError);
          assert.equal(error.code, 'INVALID_ARGUMENT');
          assert.equal((error as ConnectTypeError).parameter, 'listener');
          assert.equal(error.message, `webext-connect: runtime.${event}.addListener(): listener expected a function, received the string "nope".`);
          return true;
        },
      );
    }
  });
});
