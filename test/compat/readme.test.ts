import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderCompatTable, updateCompatDoc } from '../../scripts/compat-readme.js';
import { COMPAT_DOC_PATH } from '../../scripts/readme-region.js';
import { COMPAT_NOTES } from '../../src/compat/notes.js';
import { COMPAT_TABLE } from '../../src/compat/table.js';

describe('docs/compat-table.md', () => {
  it('is what scripts/compat-readme.ts writes (run: npm run compat:readme)', () => {
    const document = readFileSync(COMPAT_DOC_PATH, 'utf8');
    assert.equal(document, updateCompatDoc(document), 'docs/compat-table.md is out of date: run npm run compat:readme');
  });

  it('renders every feature, every note once, and versions with their removal', () => {
    const markdown = renderCompatTable();
    for (const feature of Object.keys(COMPAT_TABLE)) assert.ok(markdown.includes(`| \`${feature}\` |`), feature);
    for (const row of Object.values(COMPAT_NOTES)) {
      for (const note of Object.values(row) as string[]) assert.equal(markdown.split(`. ${note}\n`).length, 2, note);
    }
    assert.ok(markdown.includes('| 32, removed in 72 [4] |'));
  });

  it('replaces only the region between the markers, and insists on them', () => {
    const updated = updateCompatDoc('before\n<!-- compat-table:start -->\nstale\n<!-- compat-table:end -->\nafter\n');
    assert.ok(updated.startsWith('before\n<!-- compat-table:start -->\n') && updated.endsWith('\n<!-- compat-table:end -->\nafter\n'));
    assert.ok(!updated.includes('stale'));
    assert.equal(updateCompatDoc(updated), updated);
    assert.throws(() => updateCompatDoc('no markers'), /compat-table/);
  });
});
