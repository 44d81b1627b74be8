// Size budgets (bench/budgets.ts), enforced on the built files: `npm test` builds dist/ first.
// Timings are never asserted here; they are reported by `npm run bench`.
import assert from 'node:assert/strict';
import { budgets } from '../bench/budgets.js';
import { appBundleSizes, gzipFileSize, POLYFILL_MIN, UMD_MIN } from '../bench/size.js';

describe('size budgets (gzip -9)', function () {
  this.timeout(60_000);

  it(`dist/webext-connect.umd.min.js is at most ${budgets.umdMinGzipBytes} bytes`, () => {
    const size = gzipFileSize(UMD_MIN);
    assert.ok(size <= budgets.umdMinGzipBytes, `${size} bytes gzipped, budget ${budgets.umdMinGzipBytes}`);
  });

  it(`dist/webext-connect.umd.min.js is at most ${budgets.umdMinVsPolyfill}× webextension-polyfill's browser-polyfill.min.js`, () => {
    const ours = gzipFileSize(UMD_MIN);
    const polyfill = gzipFileSize(POLYFILL_MIN);
    const limit = Math.floor(polyfill * budgets.umdMinVsPolyfill);
    assert.ok(ours <= limit, `${ours} bytes gzipped vs the polyfill's ${polyfill}: ${(ours / polyfill).toFixed(2)}×, budget ${budgets.umdMinVsPolyfill}× (${limit} bytes)`);
  });

  it(`an application bundle importing only connect adds at most ${budgets.connectOnlyAppAddsGzipBytes} bytes`, async () => {
    const { withLibrary, raw, adds } = await appBundleSizes();
    assert.ok(adds <= budgets.connectOnlyAppAddsGzipBytes, `adds ${adds} bytes (${withLibrary} with connect − ${raw} with chrome.runtime.connect), budget ${budgets.connectOnlyAppAddsGzipBytes}`);
  });
});
