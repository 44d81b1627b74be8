// Compares the compat table with @mdn/browser-compat-data: any difference in version_added or
// version_removed must be explained by that browser's note, which names browser-compat-data and
// its value; a note that claims a difference which no longer exists fails too.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { BROWSER_NAMES } from '../helpers/browser-names.js';
import { COMPAT_NOTES } from '../../src/compat/notes.js';
import { COMPAT_TABLE } from '../../src/compat/table.js';
import { compareVersions } from '../../src/compat/version.js';
import type { FeatureName, FeatureSupport, SupportStatement } from '../../src/compat/types.js';

// Where each feature lives in @mdn/browser-compat-data 8.1.9.
const BCD_PATHS: Readonly<Record<FeatureName, string | null>> = {
  'runtime.connect': 'webextensions.api.runtime.connect',
  // browser-compat-data has includeTlsChannelId only under runtime.sendMessage's options.
  'runtime.connect.connectInfo.includeTlsChannelId': null,
  'runtime.MessageSender.tlsChannelId': 'webextensions.api.runtime.MessageSender.tlsChannelId',
  'runtime.onConnect': 'webextensions.api.runtime.onConnect',
  'runtime.onConnectExternal': 'webextensions.api.runtime.onConnectExternal',
  'manifest.externally_connectable': 'webextensions.manifest.externally_connectable',
  'runtime.MessageSender.origin': 'webextensions.api.runtime.MessageSender.origin',
  'runtime.MessageSender.documentId': 'webextensions.api.runtime.MessageSender.documentId',
  'runtime.MessageSender.documentLifecycle': 'webextensions.api.runtime.MessageSender.documentLifecycle',
  'runtime.Port.error': 'webextensions.api.runtime.Port.error',
  // Not in browser-compat-data 8.1.9; the notes name the sources.
  'runtime.Port.postMessage.structured_clone': null,
  'tabs.connect': 'webextensions.api.tabs.connect',
  'tabs.connect.connectInfo.frameId': 'webextensions.api.tabs.connect.connectInfo.frameId',
  'tabs.connect.connectInfo.documentId': 'webextensions.api.tabs.connect.connectInfo.documentId',
};

type BcdValue = string | boolean | null | undefined;
interface BcdStatement {
  version_added: BcdValue;
  version_removed?: BcdValue;
  flags?: unknown;
  prefix?: string;
  alternative_name?: string;
  partial_implementation?: boolean;
}
type BcdSupport = Record<string, BcdStatement | BcdStatement[] | undefined>;

const bcd = createRequire(import.meta.url)('@mdn/browser-compat-data');

function supportAt(path: string): BcdSupport | undefined {
  let node = bcd;
  for (const key of path.split('.')) node = node && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
  return node && node.__compat ? node.__compat.support : undefined;
}

// BCD lists the current, unflagged, unprefixed statement first; ours describe that one.
function mainStatement(statement: BcdStatement | BcdStatement[] | undefined): BcdStatement {
  const all = ([] as BcdStatement[]).concat(statement || { version_added: false });
  return all.find((s) => !s.flags && !s.prefix && !s.alternative_name && !s.partial_implementation) || all[0];
}

// "≤37" means "37 or earlier": an exact version of ours at or below it agrees.
function agrees(ours: string | boolean | undefined, theirs: BcdValue): boolean {
  if (theirs === null || theirs === undefined) return ours === undefined;
  if (typeof theirs === 'string' && theirs.startsWith('≤')) return typeof ours === 'string' && compareVersions(ours, theirs.slice(1)) <= 0;
  return ours === theirs;
}

/** Fields where our statement and BCD's differ: [field, ours, theirs]. */
function differences(ours: SupportStatement, theirs: BcdStatement): Array<[string, unknown, BcdValue]> {
  const found: Array<[string, unknown, BcdValue]> = [];
  if (!agrees(ours.version_added, theirs.version_added)) found.push(['version_added', ours.version_added, theirs.version_added]);
  if (!agrees(ours.version_removed, theirs.version_removed)) found.push(['version_removed', ours.version_removed, theirs.version_removed]);
  return found;
}

// How a note names browser-compat-data's value; its missing version_removed is "not removed".
const SPOKEN: Record<string, readonly string[]> = { true: ['yes', 'true'], false: ['no', 'false'], undefined: ['not removed'], null: ['not removed'] };

/** Whether `note` names browser-compat-data and the value it gives. */
function explains(note: string | undefined, theirs: BcdValue): boolean {
  if (!note || !note.includes('browser-compat-data')) return false;
  const words = SPOKEN[String(theirs)] || [String(theirs)];
  return words.some((word) => new RegExp(`(^|[^\\w.])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w.]*\\d)`).test(note));
}

describe('compat table vs @mdn/browser-compat-data', () => {
  describe('the comparison itself', () => {
    it('reads BCD arrays by their first plain statement, and "≤NN" as NN or earlier', () => {
      assert.deepEqual(mainStatement([{ version_added: '60', flags: [] }, { version_added: '52' }]), { version_added: '52' });
      assert.deepEqual(mainStatement(undefined), { version_added: false });
      assert.ok(agrees('37', '≤37') && agrees('30', '≤37') && !agrees('38', '≤37') && !agrees(true, '≤37'));
      assert.ok(agrees(undefined, undefined) && agrees(undefined, null) && !agrees('72', undefined));
    });

    it('lets a note explain a difference only by naming browser-compat-data and its value', () => {
      assert.ok(explains('Docs say no; browser-compat-data says 79', '79'));
      assert.ok(!explains('Docs say no; it says 79', '79'));
      assert.ok(!explains('browser-compat-data says 179', '79'));
      assert.ok(!explains('browser-compat-data says 79.1', '79'));
      assert.ok(explains('browser-compat-data says no', false));
      assert.ok(explains('browser-compat-data says ≤37', '≤37'));
      assert.ok(explains('browser-compat-data: not removed', undefined));
      assert.ok(!explains('browser-compat-data: 72', undefined));
    });
  });

  it('maps every table feature to a BCD path or to null, and nothing else', () => {
    assert.deepEqual(Object.keys(BCD_PATHS).sort(), Object.keys(COMPAT_TABLE).sort());
  });

  for (const feature of Object.keys(COMPAT_TABLE) as FeatureName[]) {
    const path = BCD_PATHS[feature];
    const ours: FeatureSupport = COMPAT_TABLE[feature];
    if (path === null) {
      it(`${feature}: browser-compat-data has no entry for it (BCD_PATHS records null)`, () => {
        const [, member, ...rest] = feature.split('.');
        for (const candidate of [`webextensions.api.${feature}`, `webextensions.api.runtime.${member}.${rest[rest.length - 1]}`]) {
          assert.equal(supportAt(candidate), undefined, `browser-compat-data now has ${candidate}: map it in BCD_PATHS`);
        }
      });
      continue;
    }
    describe(`${feature} (${path})`, () => {
      it('exists in browser-compat-data', () => assert.ok(supportAt(path), path));
      for (const browser of BROWSER_NAMES) {
        it(`${browser}: matches, or its note names browser-compat-data and the value`, () => {
          const theirs = mainStatement(supportAt(path)?.[browser]);
          const note: string | undefined = (COMPAT_NOTES[feature] as Partial<Record<string, string>>)[browser];
          const found = differences(ours[browser], theirs);
          for (const [field, mine, other] of found) {
            assert.ok(explains(note, other), `${feature} ${browser} ${field}: table ${String(mine)}, browser-compat-data ${String(other)}, and no note says so`);
          }
          if (found.length === 0) {
            assert.ok(!note || !note.includes('browser-compat-data'), `${feature} ${browser}: the note claims a difference from browser-compat-data that is gone`);
          }
        });
      }
    });
  }
});
