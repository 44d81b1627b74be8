// The built files, loaded the way users load them: UMD by <script>/importScripts (a fresh global
// scope), the ES module by import, the CommonJS file by require.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { createFakeBrowser } from '../helpers/fake-browsers.js';

const DIST = new URL('../../dist/', import.meta.url);
const FILES = ['webext-connect.umd.js', 'webext-connect.umd.min.js', 'webext-connect.mjs', 'webext-connect.cjs'] as const;
const UMD_FILES = FILES.filter((file) => file.includes('.umd.'));
const source = (file: string) => readFileSync(new URL(file, DIST), 'utf8');

/** The public runtime exports, kept in one list so a missing or extra export fails a test. */
const EXPORTS = ['ConnectTypeError', 'UnsendableMessageError', 'WebextConnectError', 'checkMessage', 'compatNotes', 'compatTable', 'connect', 'connectTab', 'detect', 'getSupport', 'isSupported', 'isWebextConnectError', 'normalizeConnectArgs', 'onConnect', 'onConnectExternal', 'onRequest', 'persistentPort', 'probeSupport'];

// A global scope whose browser globals record being read.
function recordingContext() {
  const reads = new Set<string>();
  const sandbox: Record<string, unknown> = {};
  for (const name of ['chrome', 'browser', 'navigator', 'opr']) {
    Object.defineProperty(sandbox, name, { get: () => void reads.add(name), configurable: true });
  }
  const context = vm.createContext(sandbox);
  return { context, reads, sandbox };
}

describe('dist', () => {
  for (const file of UMD_FILES) {
    describe(file, () => {
      it('defines exactly one global, webextConnect, and reads no browser global while loading', () => {
        const { context, reads, sandbox } = recordingContext();
        const before = new Set(Object.getOwnPropertyNames(vm.runInContext('globalThis', context)));
        vm.runInContext(source(file), context, { filename: file });
        const after = Object.getOwnPropertyNames(vm.runInContext('globalThis', context)).filter((name) => !before.has(name));
        assert.deepEqual(after, ['webextConnect']);
        assert.deepEqual(Object.keys(sandbox), ['webextConnect'], 'the only enumerable global');
        for (const name of ['chrome', 'browser', 'navigator', 'opr']) assert.ok(!reads.has(name), `read ${name} at load`);
        assert.deepEqual(Object.keys(vm.runInContext('webextConnect', context)).sort(), EXPORTS);
      });

      it('works when loaded into a scope with a Chromium-style extension API', () => {
        const fake = createFakeBrowser('chromium');
        const context = vm.createContext({ ...fake.scope });
        vm.runInContext(source(file), context);
        const found = vm.runInContext('webextConnect.detect()', context);
        assert.equal(found.namespace, 'browser');
        assert.equal(found.browser.name, 'chrome');
        const port = vm.runInContext('webextConnect.connect({ name: "umd" })', context);
        assert.equal(port, fake.ports[0]);
        // Compared as JSON: the argument objects come from the vm context's realm.
        assert.equal(JSON.stringify(fake.connect.firstCall.args), '[{"name":"umd"}]');
      });

      it('in a scope with no extension API, connect() throws the documented error', () => {
        const context = vm.createContext({});
        vm.runInContext(source(file), context);
        assert.equal(vm.runInContext('try { webextConnect.connect() } catch (e) { e.code }', context), 'NO_EXTENSION_API');
        assert.equal(vm.runInContext('try { webextConnect.connect(5) } catch (e) { e instanceof TypeError && e.code }', context), 'INVALID_ARGUMENT');
      });
    });
  }

  it('the ES module imports with the public exports and touches no global', async () => {
    const before = Object.getOwnPropertyNames(globalThis).join();
    const esm = await import(new URL('webext-connect.mjs', DIST).href);
    assert.deepEqual(Object.keys(esm).sort(), EXPORTS);
    assert.equal(Object.getOwnPropertyNames(globalThis).join(), before);
    assert.equal(esm.detect().namespace, null);
  });

  it('the CommonJS file requires with the public exports', () => {
    const cjs = createRequire(import.meta.url)(new URL('webext-connect.cjs', DIST).pathname);
    assert.deepEqual(Object.keys(cjs).filter((key) => key !== '__esModule').sort(), EXPORTS);
    assert.throws(() => cjs.connect(), (error: { code?: string }) => error.code === 'NO_EXTENSION_API');
  });

  for (const file of FILES) {
    it(`${file} has no eval, new Function, Function( or with statement (MV3's CSP forbids them)`, () => {
      const code = source(file);
      for (const pattern of [/\beval\s*\(/, /\bnew\s+Function\b/, /(^|[^.\w$])Function\s*\(/, /\bwith\s*\(/]) {
        assert.doesNotMatch(code, pattern);
      }
    });
  }
});
