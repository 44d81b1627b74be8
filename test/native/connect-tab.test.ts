// connectTab() against the fakes: the shapes of the native call, the checks before it, where there is
// no tabs API, nobody listening, and documentId where the browser lacks it.
import assert from 'node:assert/strict';
import { connectTabIn } from '../../src/native/connect-tab.js';
import { ConnectTypeError, WebextConnectError } from '../../src/errors.js';
import { createEmptyScope, createFakeBrowser, createPlainChromePage, FakeEvent, NO_RECEIVER, SAFARI_NO_RECEIVER, USER_AGENTS, type FakeKind, type FakeOptions } from '../helpers/fake-browsers.js';
import { MESSAGE_PREFIX } from './cases.js';
import { TAB_BAD_INPUTS } from './tab-cases.js';

const TAB = 7;
const DOCUMENT = 'B2E4AB3C4AD5E3E2E9DD3E0DDB0FCF6A';
const FIREFOX_140 = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

/** A fake with a tabs API and tab TAB holding a top frame and an iframe (frameId 3), both listening unless told. */
function withTab(kind: FakeKind, options: FakeOptions['tabs'] = { documentId: true }, listening = true) {
  const fake = createFakeBrowser(kind, { tabs: options });
  const tabs = fake.tabs!;
  const onConnect = () => {
    const event = new FakeEvent();
    if (listening) event.addListener(() => undefined);
    return event;
  };
  tabs.frames.set(TAB, [
    { frameId: 0, documentId: 'TOP', onConnect: onConnect() },
    { frameId: 3, documentId: DOCUMENT, onConnect: onConnect() },
  ]);
  const routed: Array<number[]> = [];
  tabs.route = (_port, frames) => routed.push(frames.map((frame) => frame.frameId));
  return { fake, tabs, routed };
}

// Argument lists connectTab() accepts, and the native call each becomes.
const GOOD: ReadonlyArray<readonly [string, unknown[], unknown[]]> = [
  ['(tabId)', [TAB], [TAB]],
  ['(tabId, undefined)', [TAB, undefined], [TAB]],
  ['(tabId, null)', [TAB, null], [TAB]],
  ['(tabId, {})', [TAB, {}], [TAB, {}]],
  ['(tabId, { name })', [TAB, { name: 'n' }], [TAB, { name: 'n' }]],
  ['(tabId, { name: undefined })', [TAB, { name: undefined }], [TAB, {}]],
  ['(tabId, { frameId: 0 })', [TAB, { frameId: 0 }], [TAB, { frameId: 0 }]],
  ['(tabId, { name, frameId, documentId })', [TAB, { name: 'n', frameId: 3, documentId: DOCUMENT }], [TAB, { name: 'n', frameId: 3, documentId: DOCUMENT }]],
  ['(0, { frozen })', [0, Object.freeze({ frameId: 3 })], [0, { frameId: 3 }]],
];

describe('connectTab', () => {
  for (const kind of ['chromium', 'firefox', 'safari'] as const) {
    describe(`in a ${kind}-style fake`, () => {
      for (const [label, args, native] of GOOD) {
        it(`${label}: one native tabs.connect, on the tabs object, with a fresh connectInfo`, () => {
          const { fake, tabs } = withTab(kind);
          const port = connectTabIn(fake.scope, args);
          assert.equal(tabs.connect.callCount, 1);
          assert.deepEqual(tabs.connect.firstCall.args, native);
          assert.equal(tabs.connect.firstCall.thisValue, tabs);
          if (native[1]) assert.notEqual(tabs.connect.firstCall.args[1], args[1], 'never the caller\'s object');
          assert.equal(port, fake.ports[0], 'the native port itself');
          assert.deepEqual(port.droppedOptions, []);
          assert.equal(port.error, null);
        });
      }

      for (const { label, args, message } of TAB_BAD_INPUTS) {
        it(`bad input (${label}): the library TypeError before any native call`, () => {
          const { fake, tabs } = withTab(kind);
          assert.throws(
            () => connectTabIn(fake.scope, args()),
            (error: unknown) => error instanceof ConnectTypeError && error.name === 'TypeError' && error.code === 'INVALID_ARGUMENT' && error.message === MESSAGE_PREFIX + message,
          );
          assert.equal(tabs.connect.callCount, 0);
        });
      }

      it('an unnamed port is named \'\' on the caller\'s side (Firefox gives null)', () => {
        const { fake } = withTab(kind);
        assert.equal(connectTabIn(fake.scope, [TAB]).name, '');
      });

      it('frameId reaches that frame only; without it, every frame of the tab', () => {
        const { fake, routed } = withTab(kind);
        connectTabIn(fake.scope, [TAB, { frameId: 3 }]);
        connectTabIn(fake.scope, [TAB]);
        assert.deepEqual(routed, [[3], [0, 3]]);
      });

      const text = kind === 'safari' ? SAFARI_NO_RECEIVER : NO_RECEIVER;
      const cases: ReadonlyArray<readonly [string, (tab: ReturnType<typeof withTab>) => unknown[]]> = [
        ['a tab whose frames have no listener (no content script)', () => [TAB]],
        ['a frame that does not exist', () => [TAB, { frameId: 99 }]],
        ['a tab that does not exist (closed)', () => [TAB + 1]],
      ];
      for (const [label, args] of cases) {
        it(`nobody listening, ${label}: port.error is the browser's Error with code NO_RECEIVER`, async () => {
          const tab = withTab(kind, { documentId: true }, !label.startsWith('a tab whose'));
          const port = connectTabIn(tab.fake.scope, args(tab));
          const seen: unknown[] = [];
          port.onDisconnect.addListener(() => seen.push([port.error?.message, port.error?.code, port.error instanceof Error]));
          await tab.fake.settle();
          assert.deepEqual(seen, [[text, 'NO_RECEIVER', true]]);
          assert.throws(() => port.postMessage('late'), (error: unknown) => error instanceof WebextConnectError && error.code === 'PORT_DISCONNECTED');
        });
      }
    });
  }

  describe('where there is no tabs API: NO_EXTENSION_API', () => {
    const scopes: ReadonlyArray<readonly [string, () => object]> = [
      ['a content script (runtime without tabs)', () => createFakeBrowser('chromium').scope],
      ['a Firefox content script', () => createFakeBrowser('firefox').scope],
      ['an externally connectable web page', () => createFakeBrowser('externalPage').scope],
      ['a plain Chrome page', createPlainChromePage],
      ['Node (no globals)', () => createEmptyScope()],
    ];
    for (const [label, scope] of scopes) {
      it(label, () => {
        assert.throws(
          () => connectTabIn(scope(), [TAB, { frameId: 0 }]),
          (error: unknown) => error instanceof WebextConnectError && error.code === 'NO_EXTENSION_API' && /^webext-connect: tabs\.connect is not available here/.test(error.message),
        );
      });
    }

    it('bad arguments are reported first', () => {
      assert.throws(() => connectTabIn(createEmptyScope(), ['x']), ConnectTypeError);
    });
  });

  describe('documentId where the browser lacks it: UNSUPPORTED_OPTION, never a port to another document', () => {
    const lacking: ReadonlyArray<readonly [string, FakeKind, string]> = [
      ['Firefox 140', 'firefox', FIREFOX_140],
      ['Chrome 50', 'chromium', USER_AGENTS.oldChrome],
      ['Safari 17.6 (whose schema would not refuse it)', 'safari', USER_AGENTS.oldSafari],
    ];
    for (const [label, kind, userAgent] of lacking) {
      it(`${label}: refused before the native call, by the compat table, with or without frameId`, () => {
        const { fake, tabs } = withTab(kind, { documentId: kind === 'safari' });
        (fake.scope.navigator as { userAgent: string }).userAgent = userAgent;
        for (const info of [{ documentId: DOCUMENT }, { documentId: DOCUMENT, frameId: 3 }]) {
          assert.throws(
            () => connectTabIn(fake.scope, [TAB, info]),
            (error: unknown) => error instanceof WebextConnectError && error.code === 'UNSUPPORTED_OPTION' && !('cause' in error) && /connectInfo\.documentId is not supported/.test(error.message),
          );
        }
        assert.equal(tabs.connect.callCount, 0);
        assert.equal(connectTabIn(fake.scope, [TAB, { frameId: 3 }]).error, null, 'frameId alone still connects');
      });
    }

    for (const kind of ['chromium', 'firefox'] as const) {
      it(`${kind}: a user agent that names no browser: the native schema's refusal becomes UNSUPPORTED_OPTION, its error the cause`, () => {
        const { fake, tabs } = withTab(kind, { documentId: false });
        (fake.scope.navigator as { userAgent: string }).userAgent = 'Mozilla/5.0';
        assert.throws(
          () => connectTabIn(fake.scope, [TAB, { documentId: DOCUMENT, frameId: 3 }]),
          (error: unknown) => error instanceof WebextConnectError && error.code === 'UNSUPPORTED_OPTION' && /Unexpected property\W+documentId/.test(String((error as { cause?: Error }).cause?.message)),
        );
        assert.equal(tabs.connect.callCount, 1, 'tried once, not again without documentId');
      });
    }

    it('where it is supported (Chromium 156, Firefox 153, Safari 18.4) it is passed through', () => {
      for (const kind of ['chromium', 'firefox', 'safari'] as const) {
        const { fake, tabs, routed } = withTab(kind);
        connectTabIn(fake.scope, [TAB, { documentId: DOCUMENT }]);
        assert.deepEqual([tabs.connect.firstCall.args, routed], [[TAB, { documentId: DOCUMENT }], [[3]]], kind);
      }
    });
  });

  describe('native errors', () => {
    it('"Extension context invalidated." becomes CONTEXT_INVALIDATED with the cause', () => {
      const { fake } = withTab('chromium');
      const native = new Error('Extension context invalidated.');
      (fake.scope.chrome as { tabs: { connect: unknown } }).tabs.connect = () => {
        throw native;
      };
      fake.scope.browser = fake.scope.chrome;
      assert.throws(() => connectTabIn(fake.scope, [TAB]), (error: unknown) => error instanceof WebextConnectError && error.code === 'CONTEXT_INVALIDATED' && (error as { cause?: unknown }).cause === native);
    });

    it('others pass through unchanged, also with a documentId', () => {
      const { fake } = withTab('firefox');
      const native = new Error('Invalid documentId "x"');
      (fake.scope.browser as { tabs: { connect: unknown } }).tabs.connect = () => {
        throw native;
      };
      assert.throws(() => connectTabIn(fake.scope, [TAB, { documentId: 'x' }]), (error: unknown) => error === native);
    });
  });
});
