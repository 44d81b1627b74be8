// Size limits (bench/budgets.ts), enforced on the built files: `npm test` builds dist/ first. A met
// target is the limit; an unmet one has a ceiling at today's size instead. Timings are never
// asserted here; `npm run bench` reports them, and the targets, with "met?".
import assert from 'node:assert/strict';
import { budgets, sizeCeilings } from '../bench/budgets.js';
import { readFileSync } from 'node:fs';
import { compileModules, gzipFileSize, importCosts, IMPORTS, requestCosts, UMD_MIN, type ImportName } from '../bench/size.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIZES_DOC_PATH } from '../scripts/readme-region.js';
import { updateSizesDoc } from '../scripts/size-readme.js';

describe('size limits (gzip -9)', function () {
  this.timeout(60_000);
  let costs: Record<ImportName, number>;
  before(async () => {
    costs = await importCosts();
  });

  it(`dist/webext-connect.umd.min.js is at most ${sizeCeilings.umdMinGzipBytes} bytes (target: ${budgets.umdMinGzipBytes})`, () => {
    const size = gzipFileSize(UMD_MIN);
    assert.ok(size <= sizeCeilings.umdMinGzipBytes, `${size} bytes gzipped, ceiling ${sizeCeilings.umdMinGzipBytes}`);
  });

  it('docs/sizes-and-benchmarks.md has today\'s "What each import costs" and BENCHMARKS.md\'s table (run: npm run size:readme)', () => {
    const document = readFileSync(SIZES_DOC_PATH, 'utf8');
    assert.equal(document, updateSizesDoc(document, costs));
  });

  it(`persistentPort adds at most ${sizeCeilings.persistentPortBeyondConnectGzipBytes} bytes beyond connect (target ${budgets.persistentPortBeyondConnectGzipBytes}, not met yet)`, () => {
    const beyond = costs.persistentPort - costs.connect;
    assert.ok(beyond <= sizeCeilings.persistentPortBeyondConnectGzipBytes, `persistentPort adds ${beyond} bytes beyond connect`);
    assert.ok(beyond > budgets.persistentPortBeyondConnectGzipBytes, `within its target: remove its ceiling from bench/budgets.ts`);
  });

  it(`connectTab alone costs at most ${budgets.connectTabVsConnect}× connect alone`, () => {
    assert.ok(costs.connectTab <= costs.connect * budgets.connectTabVsConnect, `connectTab ${costs.connectTab} B, connect ${costs.connect} B: ${(costs.connectTab / costs.connect).toFixed(3)}×`);
  });

  describe('requests', () => {
    const out = mkdtempSync(join(tmpdir(), 'webext-connect-size-'));
    let requests: { request: number; onRequest: number };
    before(async () => {
      await compileModules(out);
      requests = await requestCosts(out);
    });
    after(() => rmSync(out, { recursive: true, force: true }));

    it(`port.request() adds at most ${sizeCeilings.requestBeyondPersistentPortGzipBytes} bytes beyond persistentPort (target ${budgets.requestBeyondPersistentPortGzipBytes}, not met yet)`, () => {
      assert.ok(requests.request <= sizeCeilings.requestBeyondPersistentPortGzipBytes, `request adds ${requests.request} bytes`);
      assert.ok(requests.request > budgets.requestBeyondPersistentPortGzipBytes, 'within its target: remove its ceiling from bench/budgets.ts');
    });

    it(`onRequest adds at most ${budgets.onRequestBeyondOnConnectGzipBytes} bytes beyond onConnect`, () => {
      assert.ok(requests.onRequest <= budgets.onRequestBeyondOnConnectGzipBytes, `onRequest adds ${requests.onRequest} bytes`);
    });
  });

  for (const name of Object.keys(IMPORTS) as ImportName[]) {
    const target = budgets.importGzipBytes[name];
    const ceiling = sizeCeilings.importGzipBytes[name];
    it(`an application importing ${name} gains at most ${ceiling ?? target} bytes (target ${target}${ceiling ? ', not met yet' : ''})`, () => {
      assert.ok(costs[name] <= (ceiling ?? target), `${name} adds ${costs[name]} bytes, limit ${ceiling ?? target}`);
      if (ceiling !== undefined) assert.ok(costs[name] > target, `${name} adds ${costs[name]} bytes, within its target ${target}: remove its ceiling from bench/budgets.ts`);
    });
  }
});
