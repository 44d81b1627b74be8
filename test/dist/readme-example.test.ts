// The README's first example, as a user pastes it: its content script and background blocks are
// type-checked against the published declarations, then run through the built UMD file (the
// README's no-bundler alternative: `webextConnect` instead of the import) in a fake content script
// and a fake background that the test stops, as Chromium stops an MV3 service worker.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import sinon from 'sinon';
import ts from 'typescript';
import { createFakeExtension } from '../helpers/fake-browsers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(new URL('README.md', `file://${ROOT}`), 'utf8');
const umd = readFileSync(new URL('dist/webext-connect.umd.js', `file://${ROOT}`), 'utf8');

/** The one ```js block of `markdown` whose first line starts with `firstLine`. */
export function codeBlock(markdown: string, firstLine: string): string {
  const blocks = [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((match) => match[1]!).filter((code) => code.startsWith(firstLine));
  assert.equal(blocks.length, 1, `one \`\`\`js block starting with ${firstLine}`);
  return blocks[0]!;
}

/** `code` with its one import from 'webext-connect' turned into a read of the UMD global, as the README says to write it without a bundler. */
export function asClassicScript(code: string): string {
  const imports = /^import \{([^}]+)\} from 'webext-connect';$/gm;
  assert.equal(code.match(imports)?.length, 1, 'one import from webext-connect');
  const script = code.replace(imports, 'const {$1} = webextConnect;');
  assert.ok(!/^\s*(import|export)\b/m.test(script), 'nothing else imported or exported');
  return script;
}

/** TypeScript's complaints about `files` (path → source, placed in the repository so that 'webext-connect' resolves to its own published types), as text. */
function typeErrors(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2020, lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'], strict: true, noEmit: true, types: [], skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => (name in files ? ts.createSourceFile(name, files[name]!, language) : getSourceFile(name, language, ...rest));
  host.fileExists = (name) => name in files || ts.sys.fileExists(name);
  host.readFile = (name) => files[name] ?? ts.sys.readFile(name);
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => `${diagnostic.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

/** A vm context over a fake scope with the UMD file loaded, timers from the (faked) Node globals. */
function withLibrary(scope: Record<string, unknown>, extra: Record<string, unknown> = {}): vm.Context {
  Object.assign(scope, { setTimeout, clearTimeout, ...extra });
  const context = vm.createContext(scope);
  vm.runInContext(umd, context, { filename: 'webext-connect.umd.js' });
  return context;
}

describe("the README's first example", function () {
  this.timeout(30_000);
  const content = codeBlock(readme, '// content.js');
  const background = codeBlock(readme, '// background.js');

  it('type-checks against the published types (strict, DOM, Node16 resolution)', () => {
    const at = (name: string) => `${ROOT}test/dist/${name}`.replace(/\\/g, '/');
    assert.deepEqual(typeErrors({ [at('readme-content.mts')]: content, [at('readme-background.mts')]: background }), []);
  });

  describe('runs through the UMD file against the fakes', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers();
    });
    afterEach(() => clock.restore());

    it('the background answers; after the background stops, the next postMessage reaches a new one, which answers too', async () => {
      const ext = createFakeExtension((scope) => vm.runInContext(asClassicScript(background), withLibrary(scope)));
      const logged: unknown[][] = [];
      const page = withLibrary(ext.content, { console: { log: (...args: unknown[]) => logged.push(args) }, location: { hostname: 'example.com' } });
      vm.runInContext(asClassicScript(content), page);
      await clock.tickAsync(50);
      assert.deepEqual(logged, [['background says:', 'hello, example.com']]);
      assert.equal(ext.starts, 1);

      ext.stop();
      await clock.tickAsync(50);
      // The snippet's own `port`, a top-level const of the content script.
      vm.runInContext("port.postMessage({ hello: 'again' })", page);
      await clock.tickAsync(50);
      assert.equal(ext.starts, 2, 'a new background started');
      assert.deepEqual(logged, [['background says:', 'hello, example.com'], ['background says:', 'hello, again']]);
      assert.equal(vm.runInContext('port.state', page), 'open');
    });
  });
});
