import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { README_PATH, renderCompatTable, updateReadme } from '../../scripts/compat-readme.js';
import { COMPAT_NOTES } from '../../src/compat/notes.js';
import { COMPAT_TABLE } from '../../src/compat/table.js';

describe('README compat table', () => {
  it('is what scripts/compat-readme.ts writes (run: node --import tsx scripts/compat-readme.ts)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    assert.equal(readme, updateReadme(readme), 'README.md is out of date: run node --import tsx scripts/compat-readme.ts');
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
    const updated = updateReadme('before\n<!-- compat-table:start -->\nstale\n<!-- compat-table:end -->\nafter\n');
    assert.ok(updated.startsWith('before\n<!-- compat-table:start -->\n') && updated.endsWith('\n<!-- compat-table:end -->\nafter\n'));
    assert.ok(!updated.includes('stale'));
    assert.equal(updateReadme(updated), updated);
    assert.throws(() => updateReadme('no markers'), /compat-table/);
  });
});
