// port.request() in real browsers while the background goes away: the short form of the request
// stress test (bench/stress/requests.ts, REQUEST_SHORT; `npm run bench:requests-stress` runs the
// long one). Three tabs send requests, alternately retry false and true, some slower than their
// timeout, to a background that answers through onRequest() after a few ms.
//   Chromium MV3: the service worker is stopped three times while the requests flow.
//   Firefox MV3 event page: the tabs pause until its idle timeout has suspended it.
// Every promise must settle exactly once, every reply be its own request's, none later than its
// timeout + 1 s; with retry: true none rejects with BACKGROUND_RESTARTED, with retry: false only one
// in flight at a stop.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REQUEST_SHORT, requestStressTable, runRequestStress } from '../../bench/stress/requests.js';
import { findBrowsers } from '../../harness/index.js';

const UMD = fileURLToPath(new URL('../../dist/webext-connect.umd.js', import.meta.url));
const found = findBrowsers();

describe('port.request() in real browsers while the background goes away (short form of bench/stress/requests.ts)', function () {
  this.timeout(120_000);
  before(() => {
    if (!existsSync(UMD)) throw new Error('dist/ is missing: run `npm run build` first');
  });

  const TITLES = {
    chromium: 'Chromium MV3: the worker stopped three times under 3 tabs of requests',
    firefox: 'Firefox MV3 event page: suspended by its idle timeout while 3 tabs of requests pause',
  };
  for (const name of ['chromium', 'firefox'] as const) {
    it(TITLES[name], async function () {
      const executable = found[name];
      if (!executable) return this.skip();
      const outcome = await runRequestStress(name, executable, REQUEST_SHORT[name]);
      console.log(`        ${outcome.events.join('; ')}\n${requestStressTable([outcome]).replace(/^/gm, '        ')}`);
      assert.deepEqual(outcome.violations, []);
      assert.equal(name === 'chromium' ? outcome.stops : outcome.idleSuspensions, name === 'chromium' ? 3 : 1);
    });
  }
});
