import assert from 'node:assert/strict';
import { normalizeConnectArgs } from '../../src/native/normalize-args.js';
import { ConnectTypeError } from '../../src/errors.js';
import { BAD_INPUTS, MESSAGE_PREFIX, OVERLOADS } from './cases.js';

describe('normalizeConnectArgs', () => {
  describe('overloads resolve as in Chromium', () => {
    for (const { label, args, expected } of OVERLOADS) {
      it(label, () => assert.deepEqual({ ...normalizeConnectArgs(...args) }, expected));
    }
  });

  describe('bad input throws one TypeError format', () => {
    for (const { label, args, message } of BAD_INPUTS) {
      it(label, () => {
        assert.throws(() => normalizeConnectArgs(...args()), (error: unknown) => {
          assert.ok(error instanceof TypeError && error instanceof ConnectTypeError);
          assert.equal(error.code, 'INVALID_ARGUMENT');
          assert.equal(error.message, MESSAGE_PREFIX + message);
          return true;
        });
      });
    }
  });

  it('returns fresh objects and never touches the caller’s', () => {
    const info = { name: 'x' };
    const snapshot = JSON.stringify(info);
    const result = normalizeConnectArgs(info);
    assert.notEqual(result.connectInfo, info);
    result.connectInfo!.name = 'changed';
    assert.equal(JSON.stringify(info), snapshot);
  });

  it('reads each property once, even through a Proxy', () => {
    let reads = 0;
    const info = new Proxy({ name: 'p' }, { get(target, key, receiver) { reads++; return Reflect.get(target, key, receiver); } });
    assert.deepEqual(normalizeConnectArgs(info).connectInfo, { name: 'p' });
    assert.equal(reads, 1);
  });

  it('ignores inherited properties', () => {
    assert.deepEqual(normalizeConnectArgs(Object.create({ name: 'inherited', bogus: 1 })).connectInfo, {});
  });

  it('never changes Object.prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).join();
    assert.throws(() => normalizeConnectArgs(JSON.parse('{"__proto__": {"polluted": true}}')), TypeError);
    assert.equal(Object.getOwnPropertyNames(Object.prototype).join(), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('describes long strings by length, not content', () => {
    assert.throws(() => normalizeConnectArgs({ ['k'.repeat(100)]: 1 }), new RegExp(`received property '${'k'.repeat(40)}'\\.`));
    assert.throws(() => normalizeConnectArgs('x'.repeat(10_000), 'y'.repeat(100)), /received a string of length 100\./);
  });
});
