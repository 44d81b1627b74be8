// createEvent(): the events of persistent ports and of the receiver's ports.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { createEvent } from '../../src/port/event.js';

describe('createEvent', () => {
  afterEach(() => sinon.restore());

  it('calls every listener even when one throws, and reports that error through reportError() without throwing', () => {
    const report = sinon.spy();
    (globalThis as { reportError?: unknown }).reportError = report;
    try {
      const event = createEvent<(n: number) => void>();
      const boom = new Error('boom');
      const second = sinon.spy();
      event.addListener(() => {
        throw boom;
      });
      event.addListener(second);
      assert.doesNotThrow(() => event.emit(7));
      assert.deepEqual(second.args, [[7]]);
      assert.deepEqual(report.args, [[boom]]);
    } finally {
      delete (globalThis as { reportError?: unknown }).reportError;
    }
  });

  it('reports through console.error where there is no reportError()', () => {
    const logged = sinon.stub(console, 'error');
    const event = createEvent<() => void>();
    const boom = new Error('boom');
    event.addListener(() => {
      throw boom;
    });
    event.emit();
    assert.deepEqual(logged.args, [[boom]]);
  });

  it('a listener removed while the event runs is still called this time, not the next', () => {
    const event = createEvent<() => void>();
    const later = sinon.spy();
    event.addListener(() => event.removeListener(later));
    event.addListener(later);
    event.emit();
    event.emit();
    assert.equal(later.callCount, 1);
  });
});
