// createOutbox(): the window of messages not acknowledged, as both ends keep it.
import assert from 'node:assert/strict';
import { createOutbox } from '../../../src/port/persistent/outbox.js';
import type { ConnectedPort } from '../../../src/native/port.js';

// A native port that records what it was given.
const recording = () => {
  const got: unknown[] = [];
  return { got, port: { postMessage: (message: unknown) => void got.push(message) } as unknown as ConnectedPort };
};
const nothing = () => {};

describe('createOutbox', () => {
  it('a long stream acknowledged 16 at a time keeps size, waiting and first true, and resends from the oldest one not acknowledged', () => {
    const outbox = createOutbox();
    outbox.peer = true;
    const first = recording();
    for (let i = 0; i < 1000; i++) outbox.push(i);
    outbox.flush(first.port, nothing);
    assert.equal(first.got.length, 1000);
    for (let n = 16; n <= 992; n += 16) {
      outbox.acknowledge(n);
      assert.deepEqual([outbox.size, outbox.waiting, outbox.first], [1000 - n, 0, n]);
    }
    // A new native port carries everything not acknowledged again, then what came since.
    outbox.push(1000);
    outbox.rewind();
    const second = recording();
    outbox.flush(second.port, nothing);
    assert.deepEqual(second.got, [992, 993, 994, 995, 996, 997, 998, 999, 1000]);
    outbox.acknowledge(1001);
    assert.deepEqual([outbox.size, outbox.waiting, outbox.first], [0, 0, 1001]);
  });

  it('a plain receiver (peer false) keeps nothing it was sent', () => {
    const outbox = createOutbox();
    outbox.peer = false;
    const { got, port } = recording();
    for (let i = 0; i < 200; i++) {
      outbox.push(i);
      outbox.flush(port, nothing);
      assert.deepEqual([outbox.size, outbox.waiting, outbox.first], [0, 0, i + 1]);
    }
    assert.equal(got.length, 200);
  });
});
