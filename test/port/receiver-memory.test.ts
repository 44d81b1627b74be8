// The receiver's memory is bounded: a session whose native port closed without its "end" (a closed
// tab) is forgotten SESSION_MS later, so 10,000 senders that came and went leave a background's
// heap where 1,000 left it. Measured after forced garbage collections; the timers are sinon's.
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import sinon from 'sinon';
import { MARK } from '../../src/port/protocol.js';
import { acceptPort, SESSION_MS } from '../../src/port/receiver.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

// Not the shared FakeEvent: its sinon spies stay in sinon's default sandbox until restored, which
// is itself a leak this test would measure.
function event() {
  const listeners: Array<(...args: unknown[]) => void> = [];
  return {
    addListener: (listener: (...args: unknown[]) => void) => void listeners.push(listener),
    removeListener: (listener: (...args: unknown[]) => void) => void listeners.splice(listeners.indexOf(listener) >>> 0, 1),
    hasListener: (listener: (...args: unknown[]) => void) => listeners.includes(listener),
    dispatch: (...args: unknown[]) => listeners.slice().forEach((listener) => listener(...args)),
  };
}

function nativePort(name: string) {
  return { name, sender: { id: 'x' }, error: null, droppedOptions: [], onMessage: event(), onDisconnect: event(), postMessage() {}, disconnect() {} };
}

function heapAfterGc(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

describe('the receiver forgets sessions whose port is gone', function () {
  this.timeout(120_000);
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers()));
  afterEach(() => clock.restore());

  it('10,000 sessions opened, sent to and closed without "end" leave the heap where 1,000 left it (within 1 MiB)', () => {
    // One background lifetime: one runtime object, as the receiver keys its sessions.
    const runtime = {};
    let opened = 0;
    const session = () => {
      const native = nativePort(`feed${MARK}s${opened++}:0:0`);
      const port = acceptPort(native as never, runtime, {})!;
      port.onMessage.addListener(() => {});
      native.onMessage.dispatch({ n: 1 }, native);
      port.postMessage({ reply: 1 });
      native.onDisconnect.dispatch(native);
    };
    const open = (count: number) => {
      for (let i = 0; i < count; i++) session();
      clock.tick(SESSION_MS);
    };

    open(1000);
    const after1000 = heapAfterGc();
    for (let round = 0; round < 9; round++) open(1000);
    const after10000 = heapAfterGc();
    console.log(`        heap after 1,000 sessions ${(after1000 / 2 ** 20).toFixed(2)} MiB, after 10,000 ${(after10000 / 2 ** 20).toFixed(2)} MiB`);
    assert.ok(after10000 <= after1000 + 2 ** 20, `grew by ${after10000 - after1000} bytes`);
  });

  it('the same test finds a leak: sessions kept open (no close) grow the heap', () => {
    const runtime = {};
    const ports: unknown[] = [];
    const heap0 = heapAfterGc();
    for (let i = 0; i < 10_000; i++) {
      ports.push(acceptPort(nativePort(`feed${MARK}k${i}:0:0`) as never, runtime, {}));
    }
    const heap1 = heapAfterGc();
    assert.ok(heap1 > heap0 + 2 ** 20, 'open sessions are measurable, so the flat heap above means something');
    assert.equal(ports.length, 10_000);
  });
});
