// `npm run demo` proves the example in real browsers; this runs the same core so `npm test` does too.
import assert from 'node:assert/strict';
import { REQUEST_REPLY, runDemo } from '../../examples/demo.js';
import { findBrowsers } from '../../harness/index.js';

describe('the example extension (npm run demo)', function () {
  this.timeout(60_000);
  const found = findBrowsers();
  for (const browser of ['chromium', 'firefox'] as const) {
    it(`${browser}: the whole conversation: page and toolbar clicks, the persistent port and a request before and after the background stops`, async function () {
      if (!found[browser]) {
        if (process.env.CI === 'true') assert.fail(found.missing);
        console.log(found.missing);
        this.skip();
      }
      const result = await runDemo(browser);
      // The demo goes on without the toolbar click when triggerAction throws; the test does not.
      assert.deepEqual(result.skipped, []);
      assert.deepEqual(result.missing, []);
      // Count 1 again: the request made with the background stopped was answered by a new background.
      assert.equal(result.replyAfterStop, REQUEST_REPLY, 'the request made after the stop was answered by the new background');
      assert.ok(result.ok);
    });
  }
});
