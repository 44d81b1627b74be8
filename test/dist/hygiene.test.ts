// Bundle hygiene beyond dist.test.ts: every dist file loads in a fresh node:vm realm with no
// extension API without throwing, defines exactly the globals it should (UMD: one; CJS, ESM: none),
// needs no runtime code generation (the realm forbids eval/new Function, as MV3's CSP does) and
// has no `with` statement (it compiles as strict code).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { createFakeBrowser } from '../helpers/fake-browsers.js';

const DIST = new URL('../../dist/', import.meta.url);
const source = (file: string) => readFileSync(new URL(file, DIST), 'utf8');
const UMD_FILES = ['webext-connect.umd.js', 'webext-connect.umd.min.js'];

/** A fresh realm with no extension API that refuses to turn strings into code. */
function cspRealm(sandbox: Record<string, unknown> = {}) {
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  const names = () => Object.getOwnPropertyNames(global);
  return { context, global, names };
}

// A CommonJS file run as Node runs it: wrapped in a function of (exports, require, module, …).
function runCommonJs(code: string, context: vm.Context) {
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, context);
  const require = (id: string) => { throw new Error(`unexpected require(${id})`); };
  wrapper.call(module.exports, module.exports, require, module, '/dist/webext-connect.cjs', '/dist');
  return module.exports;
}

describe('dist hygiene', () => {
  it('the realm used below really forbids eval and new Function (so the checks can fail)', () => {
    const { context } = cspRealm();
    assert.throws(() => vm.runInContext('eval("1")', context), (error: Error) => error.name === 'EvalError');
    assert.throws(() => vm.runInContext('new Function("return 1")', context), (error: Error) => error.name === 'EvalError');
  });

  for (const file of UMD_FILES) {
    it(`${file}: loads in an empty realm without eval, defines exactly one global, and works there`, () => {
      const { context, names } = cspRealm();
      const before = new Set(names());
      vm.runInContext(source(file), context, { filename: file });
      assert.deepEqual(names().filter((name) => !before.has(name)), ['webextConnect']);
      assert.equal(vm.runInContext('webextConnect.detect().namespace', context), null);
      assert.equal(vm.runInContext('try { webextConnect.connect() } catch (e) { e.code }', context), 'NO_EXTENSION_API');
    });

    it(`${file}: connects in a realm with an extension API and no eval`, () => {
      const fake = createFakeBrowser('chromium');
      const { context } = cspRealm({ ...fake.scope });
      vm.runInContext(source(file), context);
      assert.equal(vm.runInContext('webextConnect.connect({ name: "csp" }).name', context), 'csp');
      assert.equal(fake.connect.callCount, 1);
    });
  }

  it('webext-connect.cjs: runs as a CommonJS module in an empty realm without eval, defines no global', () => {
    const { context, names } = cspRealm();
    const before = names().join();
    const exports = runCommonJs(source('webext-connect.cjs'), context);
    assert.equal(names().join(), before, 'no global in the realm');
    assert.equal(typeof exports.connect, 'function');
    assert.throws(() => (exports.connect as () => void)(), (error: { code?: string }) => error.code === 'NO_EXTENSION_API');
  });

  it('webext-connect.cjs: require() in this realm defines no global', () => {
    const before = Object.getOwnPropertyNames(globalThis).join();
    const path = new URL('webext-connect.cjs', DIST).pathname;
    const require = createRequire(import.meta.url);
    delete require.cache[path];
    require(path);
    assert.equal(Object.getOwnPropertyNames(globalThis).join(), before);
  });

  it('webext-connect.mjs: evaluates as a module in an empty realm without eval (vm.SourceTextModule, in a child node), defines no global', () => {
    // vm.SourceTextModule needs --experimental-vm-modules, so this runs in a child process.
    const script = `
      import vm from 'node:vm';
      import { readFileSync } from 'node:fs';
      const context = vm.createContext({}, { codeGeneration: { strings: false, wasm: false } });
      const global = vm.runInContext('globalThis', context);
      const before = Object.getOwnPropertyNames(global);
      const module = new vm.SourceTextModule(readFileSync(process.argv[1], 'utf8'), { context });
      await module.link(() => { throw new Error('the bundle imports nothing'); });
      await module.evaluate();
      const added = Object.getOwnPropertyNames(global).filter((name) => !before.includes(name));
      let code = null;
      try { module.namespace.connect(); } catch (error) { code = error.code; }
      console.log(JSON.stringify({ added, exports: Object.keys(module.namespace).length, namespace: module.namespace.detect().namespace, code }));
    `;
    const out = execFileSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', '--input-type=module', '-e', script, new URL('webext-connect.mjs', DIST).pathname], { encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!);
    assert.deepEqual(result.added, [], 'no global in the realm');
    assert.ok(result.exports > 5, 'exports present');
    assert.equal(result.namespace, null);
    assert.equal(result.code, 'NO_EXTENSION_API');
  });

  for (const file of [...UMD_FILES, 'webext-connect.cjs']) {
    it(`${file}: compiles as strict code, so it has no \`with\` statement`, () => {
      assert.doesNotThrow(() => new vm.Script(`'use strict';${source(file)}`, { filename: file }));
      // and the check can fail:
      assert.throws(() => new vm.Script(`'use strict';with ({}) {}`), SyntaxError);
    });
  }
  // The ES module is strict by definition; the SourceTextModule test above compiled it.
});
