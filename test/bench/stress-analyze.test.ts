// The stress test's judge (bench/stress/analyze.ts) on hand-written logs: it must see each kind of
// failure it claims to catch, and pass a clean run, or the real-browser stress test proves nothing.
import assert from 'node:assert/strict';
import { analyze, parseLog, REPEAT_BOUND, type TabReport } from '../../bench/stress/analyze.js';

const tab = (over: Partial<TabReport> = {}): TabReport => ({
  tab: 't1', posted: 4, bufferedAmount: 0, state: 'open', ended: null, errors: [], wrong: [], refused: 1, refusedAway: 0, falses: 0, drains: 0,
  received: { A: [0] }, reconnects: [], ...over,
});
const log = (...lines: string[]) => parseLog(lines.map((line) => `wxs ${line}`).join('\n'));
const clean = ['A start', 'A session t1', 'A m t1 0 100', 'A b t1 0', 'A m t1 1 101', 'A m t1 2 102', 'A m t1 3 103'];

describe('the stress test\'s judge', () => {
  it('reads Chromium\'s quoted console lines and Firefox\'s dump lines alike', () => {
    const lines = parseLog('[1:1:1204/1.2:INFO:CONSOLE:1] "wxs A m t1 5 99", source: chrome-extension://x/background.js (1)\nwxs B err boom\nnoise');
    assert.deepEqual(lines, [{ life: 'A', kind: 'm', tab: 't1', n: 5, at: 99 }, { life: 'B', kind: 'err', text: 'boom' }]);
  });

  it('passes a clean run', () => assert.deepEqual(analyze(log(...clean), [tab()], 1).problems, []));

  const CASES: Array<[string, string[], Partial<TabReport>, RegExp]> = [
    ['a loss', clean.filter((line) => !line.includes(' 3 ')), {}, /1 of 4 messages never delivered/],
    ['a repeat within a lifetime', [...clean, 'A m t1 3 104'], {}, /3 after 3 \(repeated or reordered\)/],
    ['a reorder', ['A m t1 0 1', 'A m t1 2 2', 'A m t1 1 3', 'A m t1 3 4', 'A b t1 0'], {}, /2 after 0 \(a gap\)/],
    ['an uncaught error in the background', [...clean, 'A err TypeError: x'], {}, /uncaught TypeError: x/],
    ['an uncaught error in a tab', clean, { errors: ['boom'] }, /tab t1: uncaught boom/],
    ['an ended port', clean, { ended: 'QUEUE_OVERFLOW' }, /the port ended: QUEUE_OVERFLOW/],
    ['a reply lost while the background lives', [...clean, 'A b t1 1'], {}, /1 replies of the living background never arrived/],
    ['replies out of order', [...clean, 'A b t1 1'], { received: { A: [1, 0] } }, /not once and in order/],
    ['onReconnect saying restarted for the same lifetime', clean, { reconnects: [{ flags: [true], before: 'A', after: 'A', at: 2 }] }, /restarted true/],
  ];
  for (const [what, lines, report, problem] of CASES) {
    it(`catches ${what}`, () => {
      const { problems } = analyze(log(...lines), [tab(report)], 1);
      assert.ok(problems.some((p) => problem.test(p)), JSON.stringify(problems));
    });
  }

  it('counts each onReconnect call by its own flag, also when calls between two replies are judged together', () => {
    const outcome = analyze(log(...clean, 'B start'), [tab({ reconnects: [{ flags: [true, false], before: null, after: 'B', at: 2 }] })], 1);
    assert.deepEqual([outcome.restarted, outcome.resumed], [1, 1]);
  });

  it('reports messages never acknowledged as a target not met, not as a broken guarantee', () => {
    const outcome = analyze(log(...clean), [tab({ bufferedAmount: 2 })], 1);
    assert.deepEqual([outcome.problems, outcome.unmet], [[], ['tab t1: 2 messages never acknowledged']]);
  });

  it(`counts repeats across lifetimes per stop, and reports beyond ${REPEAT_BOUND} at a steady stop as not met unless delivered after the stop was asked for`, () => {
    const posted = REPEAT_BOUND + 2;
    // Lifetime A delivers 0..posted-1 slowly (steady), stops right after; B gets them all again.
    const a = Array.from({ length: posted }, (_, n) => `A m t1 ${n} ${n * 20}`);
    const b = Array.from({ length: posted }, (_, n) => `B m t1 ${n} ${20_000 + n}`);
    const report = tab({ posted, received: {} });
    const steady = analyze(log(...a, ...b), [report], 1, [posted * 20]);
    assert.deepEqual(steady.repeatsPerStop, [posted]);
    assert.ok(steady.unmet.some((p) => p.includes(`${posted} repeats at one stop, 0 of them`)), JSON.stringify(steady.unmet));
    assert.deepEqual(steady.problems, []);
    const late = analyze(log(...a, ...b), [report], 1, [0]);
    assert.deepEqual([late.repeatsPerStop, late.lateAtStops, late.problems, late.unmet], [[posted], [posted], [], []]);
  });

  it('counts repeats where the tab\'s port had closed long before the stop apart, unbounded (the back/forward cache)', () => {
    const posted = REPEAT_BOUND + 2;
    // A delivers to t1 until 2,600, then only to t2 until just before the stop at 10,000.
    const a = Array.from({ length: posted }, (_, n) => `A m t1 ${n} ${n * 20}`);
    const b = Array.from({ length: posted }, (_, n) => `B m t1 ${n} ${20_000 + n}`);
    const other = ['A m t2 0 9900', 'B m t2 1 20000'];
    const outcome = analyze(log(...a, other[0]!, ...b, other[1]!), [tab({ posted, received: {} }), tab({ tab: 't2', posted: 2, received: {} })], 2, [10_000]);
    assert.deepEqual([outcome.repeatsAfterClose, outcome.repeatsPerStop, outcome.unmet], [[posted], [0], []]);
  });

  it('counts repeats at a stop the background had fallen behind for (the last delivery long after its post) as at a backlog, not against the bound', () => {
    const posted = REPEAT_BOUND + 2;
    // A delivers slowly, but each message 500 ms after the tab posted it; B gets them all again.
    const a = Array.from({ length: posted }, (_, n) => `A m t1 ${n} ${n * 20} ${n * 20 - 500}`);
    const b = Array.from({ length: posted }, (_, n) => `B m t1 ${n} ${20_000 + n} ${20_000 + n}`);
    const outcome = analyze(log(...a, ...b), [tab({ posted, received: {} })], 1, [posted * 20]);
    assert.deepEqual([outcome.repeatsAtBacklog, outcome.repeatsPerStop, outcome.unmet], [[posted], [], []]);
  });
});
