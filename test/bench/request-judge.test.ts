// The request stress test's judge (bench/stress/request-judge.ts) on hand-written reports: it must
// see each broken guarantee it claims to catch, and pass a clean run, or the real-browser test proves nothing.
import assert from 'node:assert/strict';
import { judgeRequests, type RequestOutcome, type RequestTabReport } from '../../bench/stress/request-judge.js';

const STOP = { at: 1000, until: 1100 };
const request = (over: Partial<RequestOutcome> = {}): RequestOutcome => ({ k: 0, retry: false, slow: false, timeout: 500, at: 0, times: 1, ms: 40, outcome: 'reply', life: 'A', ...over });
const tab = (...outcomes: RequestOutcome[]): RequestTabReport => ({ tab: 't1', outcomes, errors: [] });
const clean = () => [
  request({ k: 0 }),
  request({ k: 1, retry: true, life: 'B', ms: 60 }),
  request({ k: 2, slow: true, timeout: 300, ms: 301, outcome: 'REQUEST_TIMEOUT', life: undefined }),
  request({ k: 3, at: 990, ms: 150, outcome: 'BACKGROUND_RESTARTED', life: undefined }),
];

describe("the request stress test's judge", () => {
  it('passes a clean run and counts its figures', () => {
    const verdict = judgeRequests([tab(...clean())], 1, 4, [STOP]);
    assert.deepEqual(verdict.violations, []);
    assert.deepEqual(verdict.byOutcome, { reply: 2, REQUEST_TIMEOUT: 1, 'BACKGROUND_RESTARTED (retry false)': 1 });
    assert.deepEqual([verdict.requests, verdict.settled, verdict.lifetimes, verdict.maxMs, verdict.maxOverTimeout, verdict.replyP50, verdict.replyP95], [4, 4, 2, 301, 1, 40, 60]);
  });

  const CASES: Array<[string, Partial<RequestOutcome>, RegExp]> = [
    ['a request that never settled', { times: 0 }, /1 settled 0 times \(k 0\)/],
    ['a request that settled twice', { times: 2 }, /settled 2 times/],
    ["another request's reply", { outcome: 'wrong reply' }, /another request's reply/],
    ['a settle later than timeout + 1 s', { ms: 1501 }, /later than its timeout \+ 1000 ms/],
    ['BACKGROUND_RESTARTED with retry: true', { retry: true, at: 990, ms: 150, outcome: 'BACKGROUND_RESTARTED' }, /with retry: true/],
    ['BACKGROUND_RESTARTED with no stop under way', { outcome: 'BACKGROUND_RESTARTED' }, /while no stop was under way/],
    ['an ordinary request that timed out', { outcome: 'REQUEST_TIMEOUT' }, /rejected with REQUEST_TIMEOUT/],
    ['a reply slower than its timeout taken as the reply', { slow: true, timeout: 300, ms: 800 }, /slower than its timeout arrived as the reply/],
  ];
  for (const [what, over, expected] of CASES) {
    it(`fails ${what}`, () => {
      const verdict = judgeRequests([tab(request(over), ...clean().slice(1))], 1, 4, [STOP]);
      assert.equal(verdict.violations.length, 1, verdict.violations.join('\n'));
      assert.match(verdict.violations[0]!, expected);
    });
  }

  it('fails a missing tab, a request never sent and an uncaught error in a tab', () => {
    const { violations } = judgeRequests([{ ...tab(...clean().slice(1)), errors: ['boom'] }], 2, 4, [STOP]);
    assert.deepEqual(violations, ['1 of 2 tabs reported', 'tab t1: uncaught boom', 'tab t1: sent 3 of 4 requests']);
  });
});
