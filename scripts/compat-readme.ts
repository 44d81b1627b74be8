// Writes the compat table into docs/compat-table.md between the compat-table markers, from
// src/compat/table.ts and notes.ts.
// Run: node --import tsx scripts/compat-readme.ts [--check]   (--check: exit 1 when the document is stale)
import { pathToFileURL } from 'node:url';
import type { BrowserName } from '../src/detect/user-agent.js';
import { COMPAT_NOTES } from '../src/compat/notes.js';
import type { FeatureSupport, SupportStatement } from '../src/compat/query.js';
import { COMPAT_TABLE } from '../src/compat/table.js';

type Notes = { readonly [feature: string]: { readonly [B in BrowserName]?: string } };

import { COMPAT_DOC_PATH, replaceRegion, writeOrCheck } from './readme-region.js';

// Column order and headings: browser-compat-data's order.
const COLUMNS: ReadonlyArray<readonly [BrowserName, string]> = [
  ['chrome', 'Chrome'],
  ['edge', 'Edge'],
  ['firefox', 'Firefox'],
  ['firefox_android', 'Firefox for Android'],
  ['opera', 'Opera'],
  ['safari', 'Safari'],
  ['safari_ios', 'Safari on iOS'],
];

function cell(statement: SupportStatement): string {
  const { version_added: added, version_removed: removed } = statement;
  const text = added === true ? 'yes' : added === false ? 'no' : added;
  return removed ? `${text}, removed in ${removed}` : text;
}

/** The Markdown for the compat table and its numbered notes (identical notes share a number). */
export function renderCompatTable(table: Readonly<Record<string, FeatureSupport>> = COMPAT_TABLE, notesOf: Notes = COMPAT_NOTES): string {
  const notes: string[] = [];
  const rows = Object.keys(table).map((feature) => {
    const cells = COLUMNS.map(([browser]) => {
      const statement = table[feature][browser];
      const note = notesOf[feature]?.[browser];
      if (!note) return cell(statement);
      if (!notes.includes(note)) notes.push(note);
      return `${cell(statement)} [${notes.indexOf(note) + 1}]`;
    });
    return `| \`${feature}\` | ${cells.join(' | ')} |`;
  });
  return [
    '<!-- Generated from src/compat/table.ts and notes.ts by scripts/compat-readme.ts; do not edit by hand. -->',
    '',
    `| feature | ${COLUMNS.map(([, heading]) => heading).join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---|').join('')}`,
    ...rows,
    '',
    ...notes.map((note, index) => `${index + 1}. ${note}`),
    '',
    'The `runtime.connect` row mirrors the documentation this project is built from ("docs" in the',
    'notes); the other rows follow @mdn/browser-compat-data 8.1.9 unless a source or a real browser',
    'says otherwise. A note says where the table differs from browser-compat-data, and a test keeps',
    'the two in step. **The Safari and Safari on iOS columns come from documentation**',
    "(browser-compat-data, WebKit's source, bug reports), not from a run in a real Safari: none runs",
    'here. `runtime.Port.postMessage.structured_clone` is "yes" where messages can cross a port by',
    'structured clone rather than JSON. A version is the first with the feature ("yes": every',
    'version, "no": none); "removed in" is the first without it again.',
    '`isSupported(feature, { browser, version })` compares versions numerically part by part by their',
    'leading digits ("45.0" = "45", "15.4" > "15", "128.0esr" = "128"); an unknown browser or feature,',
    'or a version not starting with a digit, is unsupported. Without a version it answers for current',
    'releases; without a target, for the running browser. `probeSupport()` sets each claim beside',
    'what the running environment shows (null where only a connection or a message would show it):',
    'Chromium Edge runs `runtime.connect` although the table says no.',
  ].join('\n');
}

/** `document` with the region between the compat-table markers replaced by renderCompatTable(). */
export function updateCompatDoc(document: string, table?: Readonly<Record<string, FeatureSupport>>, notes?: Notes): string {
  return replaceRegion(document, 'compat-table', renderCompatTable(table, notes));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeOrCheck(COMPAT_DOC_PATH, updateCompatDoc, 'npm run compat:readme');
}
