import assert from 'node:assert/strict';
import { BROWSER_NAMES, type BrowserName } from '../../src/detect/user-agent.js';
import { compatNotes, compatTable, getSupport, isSupported, type FeatureName } from '../../src/compat/query.js';
import * as compat from '../../src/compat/index.js';

// Each feature queried at its boundaries in every browser, written out by hand from the issue and
// the sources rather than derived from the table: [version (null: current releases), expected].
type Cases = ReadonlyArray<readonly [string | null, boolean]>;
const ANY_VERSION_TRUE: Cases = [['1', true], ['26', true], ['156.0.0.0', true], [null, true]];
const ANY_VERSION_FALSE: Cases = [['1', false], ['18.17763', false], ['79', false], ['156', false], [null, false]];
const SAFARI_NEVER: Cases = [['14', false], ['15.4', false], ['18.4', false], ['26.0', false], [null, false]];
const BOUNDARIES: { readonly [F in FeatureName]: { readonly [B in BrowserName]: Cases } } = {
  'runtime.connect': {
    chrome: ANY_VERSION_TRUE,
    edge: ANY_VERSION_FALSE,
    firefox: [['44', false], ['44.9', false], ['45', true], ['45.0', true], ['153.0', true], [null, true]],
    firefox_android: [['47', false], ['48', true], ['48.0', true], [null, true]],
    opera: [['15', false], ['32', false], ['32.9', false], ['33', true], ['106.0.0.0', true], [null, true]],
    safari: [['13', false], ['13.1.2', false], ['14', true], ['14.0', true], ['26.0', true], [null, true]],
    safari_ios: [['14', false], ['14.8', false], ['15', true], ['18.4', true], [null, true]],
  },
  'runtime.connect.connectInfo.includeTlsChannelId': {
    chrome: [['26', false], ['31', false], ['31.0.1650.63', false], ['32', true], ['71.0.3578.98', true], ['72', false], ['72.0', false], ['156', false], [null, false]],
    edge: ANY_VERSION_FALSE,
    firefox: [['45', false], ['153.0', false], [null, false]],
    firefox_android: [['48', false], ['153.0', false], [null, false]],
    opera: [['19', false], ['32', false], ['33', true], ['58.0.3135.127', true], ['59', false], ['106', false], [null, false]],
    safari: SAFARI_NEVER,
    safari_ios: SAFARI_NEVER,
  },
  'runtime.MessageSender.tlsChannelId': {
    chrome: [['31', false], ['31.0.1650.63', false], ['32', true], ['71.0.3578.98', true], ['72', false], ['156', false], [null, false]],
    edge: ANY_VERSION_FALSE,
    firefox: [['45', false], ['153.0', false], [null, false]],
    firefox_android: [['48', false], ['153.0', false], [null, false]],
    opera: [['18', false], ['18.9', false], ['19', true], ['58.0.3135.127', true], ['59', false], ['106', false], [null, false]],
    safari: SAFARI_NEVER,
    safari_ios: SAFARI_NEVER,
  },
  'runtime.onConnect': {
    chrome: [['25', false], ['25.0.1364.172', false], ['26', true], ['156.0.0.0', true], [null, true]],
    edge: [['18.17763', false], ['78', false], ['79', true], ['131.0.2903.86', true], [null, true]],
    firefox: [['44', false], ['45', true], ['153.0', true], [null, true]],
    firefox_android: [['47', false], ['48', true], [null, true]],
    opera: [['14', false], ['15', true], ['106.0.0.0', true], [null, true]],
    safari: [['13.1', false], ['14', true], ['26.0', true], [null, true]],
    safari_ios: [['14.8', false], ['15', true], [null, true]],
  },
  'runtime.onConnectExternal': {
    chrome: [['25', false], ['26', true], [null, true]],
    edge: [['78', false], ['79', true], [null, true]],
    firefox: [['53', false], ['53.0.3', false], ['54', true], ['153.0', true], [null, true]],
    firefox_android: [['53', false], ['54', true], [null, true]],
    opera: [['14', false], ['15', true], [null, true]],
    safari: [['15', false], ['15.3', false], ['15.4', true], ['15.4.1', true], ['26.0', true], [null, true]],
    safari_ios: [['15.3', false], ['15.4', true], [null, true]],
  },
  'manifest.externally_connectable': {
    chrome: ANY_VERSION_TRUE,
    edge: [['18.17763', false], ['78', false], ['79', true], [null, true]],
    firefox: [['45', false], ['153.0', false], [null, false]],
    firefox_android: [['48', false], ['153.0', false], [null, false]],
    opera: [['32', false], ['33', true], [null, true]],
    safari: [['15.3', false], ['15.4', true], [null, true]],
    safari_ios: [['15.3.1', false], ['15.4', true], [null, true]],
  },
  'runtime.MessageSender.origin': {
    chrome: [['79', false], ['79.0.3945.130', false], ['80', true], [null, true]],
    edge: [['79', false], ['80', true], [null, true]],
    firefox: [['125', false], ['125.0.3', false], ['126', true], ['153.0', true], [null, true]],
    firefox_android: [['125', false], ['126', true], [null, true]],
    opera: [['66', false], ['67', true], [null, true]],
    safari: [['13.1', false], ['14', true], [null, true]],
    safari_ios: [['14.8', false], ['15', true], [null, true]],
  },
  'runtime.MessageSender.documentId': {
    chrome: [['105', false], ['106', true], ['156.0.0.0', true], [null, true]],
    edge: [['105', false], ['106', true], [null, true]],
    firefox: [['152', false], ['152.0.1', false], ['153', true], ['153.7.0', true], [null, true]],
    firefox_android: [['152', false], ['153', true], [null, true]],
    opera: [['91', false], ['92', true], [null, true]],
    safari: [['18', false], ['18.3', false], ['18.4', true], ['18.4.1', true], ['26.0', true], [null, true]],
    safari_ios: [['18.3.2', false], ['18.4', true], [null, true]],
  },
  'runtime.MessageSender.documentLifecycle': {
    chrome: [['105', false], ['105.0.5195.127', false], ['106', true], [null, true]],
    edge: [['105', false], ['106', true], [null, true]],
    firefox: [['45', false], ['153.0', false], [null, false]],
    firefox_android: [['48', false], ['153.0', false], [null, false]],
    opera: [['91', false], ['92', true], [null, true]],
    safari: SAFARI_NEVER,
    safari_ios: SAFARI_NEVER,
  },
  'runtime.Port.error': {
    chrome: ANY_VERSION_FALSE,
    edge: ANY_VERSION_FALSE,
    firefox: [['51', false], ['51.0.1', false], ['52', true], ['52.0', true], ['153.0', true], [null, true]],
    firefox_android: [['51', false], ['52', true], [null, true]],
    opera: ANY_VERSION_FALSE,
    safari: [['17', false], ['17.6', false], ['18', true], ['18.0', true], ['26.0', true], [null, true]],
    safari_ios: [['17.7', false], ['18', true], [null, true]],
  },
  'runtime.Port.postMessage.structured_clone': {
    chrome: [['147', false], ['147.0.7727.55', false], ['148', true], ['156.0.0.0', true], [null, true]],
    edge: ANY_VERSION_FALSE,
    firefox: [['1', true], ['45', true], ['153.0', true], [null, true]],
    firefox_android: [['48', true], ['153.0', true], [null, true]],
    opera: ANY_VERSION_FALSE,
    safari: SAFARI_NEVER,
    safari_ios: SAFARI_NEVER,
  },
  'tabs.connect': {
    chrome: [['4', false], ['4.1.249.1064', false], ['5', true], ['156.0.0.0', true], [null, true]],
    edge: [['18.17763', false], ['78', false], ['79', true], [null, true]],
    firefox: [['44', false], ['45', true], ['140.12.0', true], ['153.0', true], [null, true]],
    firefox_android: [['53', false], ['54', true], [null, true]],
    opera: [['14', false], ['15', true], [null, true]],
    safari: [['13.1', false], ['14', true], [null, true]],
    safari_ios: [['14.8', false], ['15', true], [null, true]],
  },
  'tabs.connect.connectInfo.frameId': {
    chrome: [['40', false], ['40.0.2214.115', false], ['41', true], [null, true]],
    edge: [['78', false], ['79', true], [null, true]],
    firefox: [['44', false], ['45', true], ['140.0', true], [null, true]],
    firefox_android: [['53', false], ['54', true], [null, true]],
    opera: [['27', false], ['28', true], [null, true]],
    safari: [['13.1', false], ['14', true], [null, true]],
    safari_ios: [['14.8', false], ['15', true], [null, true]],
  },
  'tabs.connect.connectInfo.documentId': {
    chrome: [['105', false], ['105.0.5195.127', false], ['106', true], ['156.0.0.0', true], [null, true]],
    edge: [['105', false], ['106', true], [null, true]],
    firefox: [['140', false], ['140.12.0', false], ['152.0.1', false], ['153', true], ['153.8.0', true], [null, true]],
    firefox_android: [['152', false], ['153', true], [null, true]],
    opera: [['91', false], ['92', true], [null, true]],
    safari: [['18', false], ['18.3', false], ['18.4', true], ['26.0', true], [null, true]],
    safari_ios: [['18.3.2', false], ['18.4', true], [null, true]],
  },
};

describe('isSupported', () => {
  it('has boundary cases for every table key and every browser, and no others', () => {
    assert.deepEqual(Object.keys(BOUNDARIES).sort(), Object.keys(compatTable).sort());
    for (const feature of Object.keys(BOUNDARIES) as FeatureName[]) {
      assert.deepEqual(Object.keys(BOUNDARIES[feature]).sort(), [...BROWSER_NAMES].sort(), feature);
      assert.deepEqual(Object.keys(compatTable[feature]).sort(), [...BROWSER_NAMES].sort(), feature);
    }
  });

  for (const feature of Object.keys(BOUNDARIES) as FeatureName[]) {
    describe(feature, () => {
      for (const browser of BROWSER_NAMES) {
        it(`${browser}: ${BOUNDARIES[feature][browser].map(([v, ok]) => `${v ?? 'current'} ${ok ? 'yes' : 'no'}`).join(', ')}`, () => {
          for (const [version, expected] of BOUNDARIES[feature][browser]) {
            assert.equal(isSupported(feature, { browser, version }), expected, `${browser} ${version}`);
            if (version === null) assert.equal(isSupported(feature, { browser }), expected, `${browser}, no version key`);
          }
        });
      }
    });
  }

  it('is false for unknown browsers, unknown features and unparseable versions, without throwing', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const throwing = { get browser(): string { throw new Error('getter'); } };
    const targets: unknown[] = [
      { browser: 'samsunginternet_android', version: '18' }, { browser: null }, { browser: '' }, { browser: 'Firefox', version: '150' },
      { browser: '__proto__' }, { browser: 'constructor' }, { browser: 'toString' }, { browser: 42 },
      { browser: { toString() { throw new Error('toString'); } } },
      { browser: 'firefox', version: '' }, { browser: 'firefox', version: 'v150' }, { browser: 'firefox', version: ' 150' },
      { browser: 'firefox', version: 150 }, { browser: 'firefox', version: {} }, { browser: 'chrome', version: 'latest' },
      null, 5, 'firefox', revoked.proxy, throwing,
    ];
    for (const [index, target] of targets.entries()) {
      assert.equal(isSupported('runtime.connect', target as any), false, `target #${index}`);
    }
    for (const feature of ['runtime.Connect', 'runtime', '', '__proto__', 'hasOwnProperty', undefined, null, 7]) {
      assert.equal(isSupported(feature as any, { browser: 'firefox' }), false, String(feature));
    }
  });

  it('without a target, asks about the running browser (none in Node: false)', () => {
    assert.equal(isSupported('runtime.connect'), false);
  });

  it('rejects a misspelt feature at compile time', () => {
    // @ts-expect-error 'runtime.conect' is not a FeatureName
    assert.equal(isSupported('runtime.conect', { browser: 'firefox' }), false);
  });
});

describe('getSupport', () => {
  it('returns a feature row, or one browser statement, straight from the table', () => {
    assert.equal(getSupport('runtime.connect'), compatTable['runtime.connect']);
    assert.deepEqual(getSupport('runtime.connect', 'firefox'), { version_added: '45' });
    assert.deepEqual(getSupport('runtime.connect.connectInfo.includeTlsChannelId', 'chrome')?.version_removed, '72');
  });

  it('is undefined for unknown features and browsers', () => {
    assert.equal(getSupport('nope' as FeatureName), undefined);
    assert.equal(getSupport('__proto__' as FeatureName), undefined);
    assert.equal(getSupport('runtime.connect', 'samsunginternet_android'), undefined);
    assert.deepEqual(getSupport('runtime.onConnectExternal', 'safari_ios'), { version_added: '15.4' });
    assert.equal(getSupport('runtime.connect', null), undefined);
    assert.equal(getSupport('runtime.connect', 'toString'), undefined);
  });
});

describe('compatTable', () => {
  it('is deeply frozen', () => {
    assert.ok(Object.isFrozen(compatTable));
    for (const row of Object.values(compatTable)) {
      assert.ok(Object.isFrozen(row));
      for (const statement of Object.values(row)) assert.ok(Object.isFrozen(statement));
    }
    assert.throws(() => { (compatTable['runtime.connect'].firefox as any).version_added = '1'; }, TypeError);
  });

  it('holds only MDN-shaped statements, a note on every value that is not a plain version', () => {
    for (const [feature, row] of Object.entries(compatTable)) {
      const notes: Record<string, string | undefined> = compatNotes[feature as FeatureName];
      for (const [browser, statement] of Object.entries(row) as unknown as Array<[string, Record<string, unknown>]>) {
        const label = `${feature} ${browser}`;
        assert.ok(Object.keys(statement).every((key) => ['version_added', 'version_removed'].includes(key)), label);
        const added = statement.version_added;
        assert.ok(typeof added === 'boolean' || (typeof added === 'string' && /^\d+(\.\d+)?$/.test(added)), label);
        if ('version_removed' in statement) assert.ok(typeof statement.version_removed === 'string' && /^\d+(\.\d+)?$/.test(statement.version_removed), label);
        if (typeof added !== 'string' || 'version_removed' in statement) assert.equal(typeof notes[browser], 'string', `${label} needs a note`);
        if (browser in notes) assert.ok(!String(notes[browser]).includes('\n'), `${label}: one line`);
      }
      for (const browser of Object.keys(notes)) assert.ok(browser in row, `${feature}: a note for unknown browser ${browser}`);
    }
    assert.deepEqual(Object.keys(compatNotes).sort(), Object.keys(compatTable).sort(), 'notes and table name the same features');
    assert.ok(Object.isFrozen(compatNotes) && Object.isFrozen(compatNotes['runtime.connect']));
  });

  it('keeps an option inside the range of runtime.connect, and the sender\'s fields inside runtime.onConnect\'s', () => {
    const within: ReadonlyArray<readonly [FeatureName, FeatureName]> = [
      ['runtime.connect.connectInfo.includeTlsChannelId', 'runtime.connect'],
      ['runtime.MessageSender.tlsChannelId', 'runtime.onConnect'],
      ['runtime.MessageSender.origin', 'runtime.onConnect'],
      ['runtime.MessageSender.documentId', 'runtime.onConnect'],
      ['runtime.MessageSender.documentLifecycle', 'runtime.onConnect'],
      ['tabs.connect.connectInfo.frameId', 'tabs.connect'],
      ['tabs.connect.connectInfo.documentId', 'tabs.connect.connectInfo.frameId'],
    ];
    const versions = ['1', '14', '15', '15.4', '18.4', '19', '26', '32', '33', '45', '48', '52', '58', '59', '67', '72', '79', '80', '92', '106', '126', '153', '156'];
    for (const [part, whole] of within) {
      for (const browser of BROWSER_NAMES) {
        for (const version of versions) {
          if (isSupported(part, { browser, version })) assert.ok(isSupported(whole, { browser, version }), `${part} in ${browser} ${version}`);
        }
      }
    }
  });
});

describe('src/compat/index.ts', () => {
  it('exports the public API', () => {
    assert.deepEqual(Object.keys(compat).sort(), ['compatNotes', 'compatTable', 'getSupport', 'isSupported', 'probeSupport']);
  });
});
