// What the request stress test's tab reports say, judged against issue 20's guarantees (see
// requests.ts for the run). Pure: no browser here, so test/bench/request-judge.test.ts can prove it
// catches each failure it claims to.

/** One request as its tab recorded it (extension/requests-content.js). */
export interface RequestOutcome {
  k: number;
  retry: boolean;
  /** Asked for a reply slower than its timeout: it must time out. */
  slow: boolean;
  timeout: number;
  /** Date.now() when request() was called. */
  at: number;
  /** How many times its promise settled. */
  times: number;
  /** ms from request() to settling. */
  ms?: number;
  /** 'reply', 'wrong reply', or the rejection's code. */
  outcome?: string;
  /** The background lifetime that answered. */
  life?: string;
}

/** What one tab reported at the end. */
export interface RequestTabReport {
  tab: string;
  outcomes: RequestOutcome[];
  errors: string[];
}

/** A time (Date.now(), from asked to done) when the driver stopped or suspended the background. */
export interface Restart {
  at: number;
  until: number;
}

/** The verdict and the figures of one run. */
export interface RequestVerdict {
  /** Broken guarantees; any one fails the run. */
  violations: string[];
  requests: number;
  settled: number;
  /** Outcome → count; BACKGROUND_RESTARTED is split by retry. */
  byOutcome: Record<string, number>;
  /** Background lifetimes that answered. */
  lifetimes: number;
  /** The slowest settling, in ms, and the most any request took beyond its own timeout (negative: all within). */
  maxMs: number;
  maxOverTimeout: number;
  /** Round trips of the requests answered with a reply, ms. */
  replyP50: number;
  replyP95: number;
}

/** How late past its timeout a request may settle (issue 20). */
export const SETTLE_SLACK_MS = 1000;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0);

/**
 * Judges one run of `tabs` tabs of `perTab` requests each: every request settled exactly once, with
 * its own reply, or REQUEST_TIMEOUT when it asked for a slow one, or BACKGROUND_RESTARTED when
 * `retry` is false and it was in flight at one of `restarts`; none later than its timeout + 1 s; no
 * uncaught error in a tab.
 */
export function judgeRequests(reports: RequestTabReport[], tabs: number, perTab: number, restarts: Restart[]): RequestVerdict {
  const violations: string[] = [];
  const byOutcome: Record<string, number> = {};
  const lives = new Set<string>();
  const replies: number[] = [];
  let requests = 0;
  let settled = 0;
  let maxMs = 0;
  let maxOverTimeout = -Infinity;
  if (reports.length !== tabs) violations.push(`${reports.length} of ${tabs} tabs reported`);
  for (const { tab, outcomes, errors } of reports) {
    for (const error of errors) violations.push(`tab ${tab}: uncaught ${error}`);
    if (outcomes.length !== perTab) violations.push(`tab ${tab}: sent ${outcomes.length} of ${perTab} requests`);
    // Listed by kind, each kind once per tab with its count and first few requests, so a broken run stays readable.
    const bad = new Map<string, number[]>();
    const flag = (what: string, o: RequestOutcome) => bad.set(what, [...(bad.get(what) ?? []), o.k]);
    for (const o of outcomes) {
      requests++;
      if (o.times !== 1) flag(`settled ${o.times} times`, o);
      if (!o.times) continue;
      settled++;
      const outcome = o.outcome ?? '?';
      const key = outcome === 'BACKGROUND_RESTARTED' ? `BACKGROUND_RESTARTED (retry ${o.retry})` : outcome;
      byOutcome[key] = (byOutcome[key] ?? 0) + 1;
      if (o.life) lives.add(o.life);
      const ms = o.ms ?? Infinity;
      maxMs = Math.max(maxMs, ms);
      maxOverTimeout = Math.max(maxOverTimeout, ms - o.timeout);
      if (ms > o.timeout + SETTLE_SLACK_MS) flag(`settled later than its timeout + ${SETTLE_SLACK_MS} ms`, o);
      const inFlightAtRestart = restarts.some((r) => o.at <= r.until && o.at + ms >= r.at);
      if (outcome === 'reply') {
        if (o.slow) flag('a reply slower than its timeout arrived as the reply', o);
        else replies.push(ms);
      } else if (outcome === 'BACKGROUND_RESTARTED') {
        if (o.retry) flag('BACKGROUND_RESTARTED with retry: true', o);
        else if (!inFlightAtRestart) flag('BACKGROUND_RESTARTED while no stop was under way', o);
      } else if (!(outcome === 'REQUEST_TIMEOUT' && o.slow)) flag(outcome === 'wrong reply' ? 'another request\'s reply' : `rejected with ${outcome}`, o);
    }
    for (const [what, ks] of bad) violations.push(`tab ${tab}: ${ks.length} ${what} (k ${ks.slice(0, 5).join(', ')}${ks.length > 5 ? ', …' : ''})`);
  }
  replies.sort((a, b) => a - b);
  return {
    violations,
    requests,
    settled,
    byOutcome,
    lifetimes: lives.size,
    maxMs,
    maxOverTimeout: Number.isFinite(maxOverTimeout) ? maxOverTimeout : 0,
    replyP50: percentile(replies, 50),
    replyP95: percentile(replies, 95),
  };
}
