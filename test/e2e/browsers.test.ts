// Which browsers this run uses, said first (a root hook) so every failure report names them, and the
// promise behind CHROME_PATH/FIREFOX_PATH: a variable that is set picks that binary, or the run fails.
import assert from 'node:assert/strict';
import { browserVersion, describeBrowsers, findBrowsers } from '../../harness/index.js';

before(async function () {
  this.timeout(30_000);
  console.log(`  ${await describeBrowsers()}`);
});

describe('the browsers under test', function () {
  this.timeout(30_000);
  const found = findBrowsers();
  for (const [name, key] of [['chromium', 'CHROME_PATH'], ['firefox', 'FIREFOX_PATH']] as const) {
    it(`${name}: ${key}, when set, is the binary every e2e test launches, and it reports a version`, async function () {
      const wanted = process.env[key];
      if (wanted) assert.equal(found[name], wanted, found.missing);
      else if (!found[name]) {
        if (process.env.CI === 'true') assert.fail(found.missing);
        console.log(`      ${found.missing}`);
        return this.skip();
      }
      const { version, major } = await browserVersion(found[name]!);
      assert.ok(major > 0, `no version from ${found[name]} --version: "${version}"`);
    });
  }
});
