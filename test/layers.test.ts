// The layers of src/ (README, "Development"): every import, type-only ones included, stays in its
// folder or goes down to a folder below it, and no files or folders import each other in a circle.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// What each folder may import ('.' is the root files: errors, read, scope, types). Bottom first:
// root ← detect ← compat ← native ← port; message/ stands on the root alone. index.ts re-exports.
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  '.': ['.'],
  message: ['.'],
  detect: ['.'],
  compat: ['.', 'detect'],
  native: ['.', 'detect', 'compat'],
  port: ['.', 'detect', 'compat', 'native', 'message'],
};

/** file (relative to src/, '/'-separated) → the files it imports. */
type Graph = ReadonlyMap<string, readonly string[]>;

/** The folder a file of src/ belongs to: its first directory, or '.' for a root file; index.ts, the public surface above every layer, stands alone. */
export function folderOf(file: string): string {
  if (file === 'index.ts') return file;
  const slash = file.indexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

/** Every module specifier in `source`: import and export declarations, `import type`, `import('…')` types and calls. */
export function specifiersOf(source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) specifier = node.arguments[0];
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) specifier = node.moduleReference.expression;
    if (specifier && ts.isStringLiteral(specifier)) found.push(specifier.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true));
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The import graph of src/; throws on an import that is not a file of src/. */
function srcGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const from = path.relative(SRC, file).split(path.sep).join('/');
    graph.set(
      from,
      specifiersOf(readFileSync(file, 'utf8')).map((specifier) => {
        assert.ok(specifier.startsWith('.'), `${from} imports the package '${specifier}': src/ has no dependencies`);
        const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
        assert.ok(existsSync(target), `${from} imports '${specifier}', which is not a file of src/`);
        return path.relative(SRC, target).split(path.sep).join('/');
      }),
    );
  }
  return graph;
}

/** The circles of `graph`: each strongly connected component of more than one node, or a node importing itself (Tarjan's algorithm). */
export function circlesOf(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const circles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = stack.splice(stack.indexOf(node));
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) circles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return circles;
}

/** The graph of folders: an edge wherever a file of one imports a file of another. */
export function folderGraph(graph: Graph): Map<string, string[]> {
  const folders = new Map<string, string[]>();
  for (const [from, targets] of graph) {
    const edges = folders.get(folderOf(from)) ?? [];
    folders.set(folderOf(from), edges);
    for (const to of targets) if (folderOf(to) !== folderOf(from) && !edges.includes(folderOf(to))) edges.push(folderOf(to));
  }
  return folders;
}

/** Each import that goes against MAY_IMPORT, as "from → to". */
export function layerViolations(graph: Graph): string[] {
  const violations: string[] = [];
  for (const [from, targets] of graph) {
    if (from === 'index.ts') continue;
    const allowed = MAY_IMPORT[folderOf(from)];
    for (const to of targets) {
      if (to === 'index.ts' || !allowed || (folderOf(to) !== folderOf(from) && !allowed.includes(folderOf(to)))) violations.push(`${from} → ${to}`);
    }
  }
  return violations;
}

describe('layers of src/', () => {
  const graph = srcGraph();

  it('has no circle between files, type-only imports included', () => {
    assert.deepEqual(circlesOf(graph), []);
  });

  it('has no circle between folders', () => {
    assert.deepEqual(circlesOf(folderGraph(graph)), []);
  });

  it('imports only down the layers: root ← detect ← compat ← native ← port; message/ on the root alone', () => {
    assert.deepEqual(layerViolations(graph), []);
  });

  it('knows every folder of src/', () => {
    for (const file of graph.keys()) if (file !== 'index.ts') assert.ok(folderOf(file) in MAY_IMPORT, `${file}: add its folder to MAY_IMPORT`);
  });

  it('index.ts only re-exports', () => {
    const index = ts.createSourceFile('index.ts', readFileSync(path.join(SRC, 'index.ts'), 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of index.statements) {
      assert.ok(ts.isExportDeclaration(statement) && statement.moduleSpecifier, `index.ts: '${statement.getText(index).slice(0, 60)}' is not a re-export`);
    }
  });

  describe('the checks themselves', () => {
    it('find every import form, type-only and dynamic included', () => {
      const source = [
        "import { a } from './a.js';",
        "import type { B } from './b.js';",
        "export { c } from './c.js';",
        "export type { D } from '../d.js';",
        "export * from './e.js';",
        "let f: import('./f.js').F;",
        "const g = import('./g.js');",
        "import h = require('./h.js');",
        "import './i.js';",
      ].join('\n');
      assert.deepEqual(specifiersOf(source), ['./a.js', './b.js', './c.js', '../d.js', './e.js', './f.js', './g.js', './h.js', './i.js']);
    });

    it('find a circle of files, a type-only one and a file importing itself, and nothing in a tree', () => {
      const circle = new Map([['compat/a.ts', ['compat/b.ts']], ['compat/b.ts', ['compat/c.ts']], ['compat/c.ts', ['compat/a.ts', 'read.ts']], ['read.ts', []]]);
      assert.deepEqual(circlesOf(circle), [['compat/a.ts', 'compat/b.ts', 'compat/c.ts']]);
      assert.deepEqual(circlesOf(new Map([['a.ts', ['a.ts']]])), [['a.ts']]);
      assert.deepEqual(circlesOf(new Map([['a.ts', ['b.ts', 'c.ts']], ['b.ts', ['c.ts']], ['c.ts', []]])), []);
    });

    it('find a circle between folders made of files that form none', () => {
      const files = new Map([['compat/probe.ts', ['native/port.ts']], ['native/port.ts', []], ['native/connect.ts', ['compat/table.ts']], ['compat/table.ts', []]]);
      assert.deepEqual(circlesOf(files), []);
      assert.deepEqual(circlesOf(folderGraph(files)), [['compat', 'native']]);
    });

    it('flag an import up the layers, from message/ to anything but the root, and into index.ts', () => {
      const files = new Map([
        ['detect/browser.ts', ['compat/table.ts', 'read.ts']],
        ['message/check-message.ts', ['detect/browser.ts']],
        ['port/receiver.ts', ['native/port.ts', 'message/check-message.ts', 'index.ts']],
        ['errors.ts', ['detect/browser.ts']],
      ]);
      assert.deepEqual(layerViolations(files), ['detect/browser.ts → compat/table.ts', 'message/check-message.ts → detect/browser.ts', 'port/receiver.ts → index.ts', 'errors.ts → detect/browser.ts']);
    });
  });
});

describe('the tools outside src/', () => {
  const ROOT = fileURLToPath(new URL('../', import.meta.url));
  // bench/, harness/, scripts/ and examples/ serve the tests and the bench alike, so none of them
  // may lean on test code: what both need lives in harness/ (browsers) or bench/ (sizes).
  it('bench/, harness/, scripts/ and examples/ import nothing from test/', () => {
    const offenders: string[] = [];
    for (const dir of ['bench', 'harness', 'scripts', 'examples']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
          if (!specifier.startsWith('.')) continue;
          const target = path.relative(ROOT, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
          if (target === 'test' || target.startsWith('test/')) offenders.push(`${path.relative(ROOT, file)} → ${specifier}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});
