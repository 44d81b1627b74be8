// Size ceilings (bench/budgets.ts), enforced on the built files: `npm test` builds dist/ first.
// Timings are never asserted here; `npm run bench` reports them, and the targets, with "met?".
import assert from 'node:assert/strict';
import { budgets, sizeCeilings } from '../bench/budgets.js';
import { appBundleSizes, gzipFileSize, UMD_MIN } from '../bench/size.js';

describe('size ceilings (gzip -9)', function () {
  this.timeout(60_000);

  it(`dist/webext-connect.umd.min.js is at most ${sizeCeilings.umdMinGzipBytes} bytes (target: ${budgets.umdMinGzipBytes})`, () => {
    const size = gzipFileSize(UMD_MIN);
    assert.ok(size <= sizeCeilings.umdMinGzipBytes, `${size} bytes gzipped, ceiling ${sizeCeilings.umdMinGzipBytes}`);
  });

  it(`an application bundle importing only connect adds at most ${sizeCeilings.connectOnlyAppAddsGzipBytes} bytes (target: ${budgets.connectOnlyAppAddsGzipBytes})`, async () => {
    const { withLibrary, raw, adds } = await appBundleSizes();
    assert.ok(adds <= sizeCeilings.connectOnlyAppAddsGzipBytes, `adds ${adds} bytes (${withLibrary} with connect − ${raw} with chrome.runtime.connect), ceiling ${sizeCeilings.connectOnlyAppAddsGzipBytes}`);
  });
});
