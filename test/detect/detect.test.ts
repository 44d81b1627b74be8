import assert from 'node:assert/strict';
import { detect, detectScope } from '../../src/detect/detect.js';
import { detectBrowser } from '../../src/detect/browser.js';
import { createEmptyScope, createFakeBrowser, createPlainChromePage, OWN_ID, USER_AGENTS } from '../helpers/fake-browsers.js';

describe('detect().serialization', () => {
  const withManifest = (userAgent: string, manifest: object | (() => never)) => {
    const fake = createFakeBrowser('chromium');
    (fake.scope.navigator as { userAgent: string }).userAgent = userAgent;
    fake.runtime.getManifest = typeof manifest === 'function' ? manifest : () => manifest;
    return detectScope(fake.scope).serialization;
  };
  const CHROME_147 = USER_AGENTS.chromium.replace('Chrome/156', 'Chrome/147');
  const OPERA_ON_148 = USER_AGENTS.opera.replace('Chrome/120', 'Chrome/148');

  // [label, what detect() sees, expected]
  const CASES: ReadonlyArray<readonly [string, () => string | null, string | null]> = [
    ['Firefox: structured clone, always', () => detectScope(createFakeBrowser('firefox').scope).serialization, 'structured_clone'],
    ['Chromium 156 without the manifest key: JSON', () => detectScope(createFakeBrowser('chromium').scope).serialization, 'json'],
    ['Chromium 156 with "message_serialization": "structured_clone"', () => withManifest(USER_AGENTS.chromium, { manifest_version: 3, message_serialization: 'structured_clone' }), 'structured_clone'],
    ['Chromium 156 with another value of the key: JSON', () => withManifest(USER_AGENTS.chromium, { manifest_version: 3, message_serialization: 'json' }), 'json'],
    ['Chromium 147 ignores the key: JSON', () => withManifest(CHROME_147, { manifest_version: 3, message_serialization: 'structured_clone' }), 'json'],
    ['Opera on Chromium 148 with the key: the engine version counts', () => withManifest(OPERA_ON_148, { message_serialization: 'structured_clone' }), 'structured_clone'],
    ['getManifest throws (an invalidated context): JSON', () => withManifest(USER_AGENTS.chromium, () => { throw new Error('Extension context invalidated.'); }), 'json'],
    ['legacy Edge: JSON', () => detectScope(createFakeBrowser('legacyEdge').scope).serialization, 'json'],
    ['no extension API: null', () => detectScope(createEmptyScope()).serialization, null],
    ['a plain Chrome page: null', () => detectScope(createPlainChromePage()).serialization, null],
  ];
  for (const [label, run, expected] of CASES) it(label, () => assert.equal(run(), expected));
});

describe('detect', () => {
  it('Chromium 156: picks the `browser` alias (same runtime as chrome), promises, chrome 156', () => {
    const fake = createFakeBrowser('chromium');
    const found = detectScope(fake.scope);
    assert.equal(found.namespace, 'browser');
    assert.equal(found.api!.runtime, fake.runtime);
    assert.equal(found.promises, true);
    assert.deepEqual(found.browser, { name: 'chrome', version: '156.0.0.0' });
    assert.equal(found.extensionId, OWN_ID);
  });

  it('Chromium without the alias: chrome namespace, promises from manifest_version 3', () => {
    const fake = createFakeBrowser('chromium');
    delete fake.scope.browser;
    const found = detectScope(fake.scope);
    assert.equal(found.namespace, 'chrome');
    assert.equal(found.promises, true);
    fake.runtime.getManifest = () => ({ manifest_version: 2 });
    assert.equal(detectScope(fake.scope).promises, false);
  });

  it('Firefox (browser === chrome): browser namespace, promises, firefox from the feature even with a Chrome UA', () => {
    const fake = createFakeBrowser('firefox');
    assert.deepEqual({ ...detectScope(fake.scope), api: null }, {
      namespace: 'browser', api: null, promises: true, browser: { name: 'firefox', version: '153.0' }, extensionId: OWN_ID, serialization: 'structured_clone',
    });
    (fake.scope.navigator as any).userAgent = USER_AGENTS.chromium;
    assert.deepEqual(detectScope(fake.scope).browser, { name: 'firefox', version: null });
  });

  it('Firefox content script (no getBrowserInfo): still firefox, because browser === chrome', () => {
    const fake = createFakeBrowser('firefox');
    delete fake.runtime.getBrowserInfo;
    assert.equal(detectScope(fake.scope).browser.name, 'firefox');
  });

  it('Firefox for Android: firefox_android from the user agent', () => {
    const fake = createFakeBrowser('firefox');
    (fake.scope.navigator as any).userAgent = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
    assert.deepEqual(detectScope(fake.scope).browser, { name: 'firefox_android', version: '133.0' });
  });

  it('legacy Edge: callback-style browser namespace', () => {
    const found = detectScope(createFakeBrowser('legacyEdge').scope);
    assert.equal(found.namespace, 'browser');
    assert.equal(found.promises, false);
    assert.deepEqual(found.browser, { name: 'edge', version: '18.17763' });
  });

  it('Opera: `opr` wins over a user agent that hides OPR/', () => {
    const fake = createFakeBrowser('opera');
    assert.deepEqual(detectScope(fake.scope).browser, { name: 'opera', version: '106.0.0.0' });
    (fake.scope.navigator as any).userAgent = USER_AGENTS.chromium;
    assert.deepEqual(detectScope(fake.scope).browser, { name: 'opera', version: null });
  });

  it('Edge by userAgentData brands; no version when the user agent names another browser', () => {
    const scope = { navigator: { userAgent: USER_AGENTS.chromium, userAgentData: { brands: [{ brand: 'Not A(Brand', version: '8' }, { brand: 'Chromium', version: '132' }, { brand: 'Microsoft Edge', version: '132' }] } } };
    assert.deepEqual(detectBrowser(scope), { name: 'edge', version: null });
    scope.navigator.userAgent += ' Edg/132.0.2957.127';
    assert.deepEqual(detectBrowser(scope), { name: 'edge', version: '132.0.2957.127' });
  });

  it('an externally connectable web page: chrome namespace, no extension id', () => {
    const found = detectScope(createFakeBrowser('externalPage').scope);
    assert.equal(found.namespace, 'chrome');
    assert.equal(found.extensionId, null);
  });

  it('a plain Chrome page (chrome without runtime): no namespace, but still Chrome', () => {
    const found = detectScope(createPlainChromePage());
    assert.deepEqual({ namespace: found.namespace, api: found.api, promises: found.promises }, { namespace: null, api: null, promises: false });
    assert.equal(found.browser.name, 'chrome');
  });

  it('no extension API at all', () => {
    const found = detectScope(createEmptyScope());
    assert.equal(found.namespace, null);
    assert.equal(found.extensionId, null);
    assert.deepEqual(found.browser, { name: 'firefox', version: '153.0' });
  });

  it('`<div id="browser">` in a Chromium content script: a DOM element without runtime is skipped', () => {
    const fake = createFakeBrowser('chromium');
    fake.scope.browser = { tagName: 'DIV', id: 'browser' };
    const found = detectScope(fake.scope);
    assert.equal(found.namespace, 'chrome');
    assert.equal(found.api!.runtime, fake.runtime);
  });

  it('`<div id="browser">` and `<div id="chrome">` with runtime hung on them (Chromium 156): still connectable', () => {
    const fake = createFakeBrowser('chromium');
    fake.scope.browser = Object.assign({ tagName: 'DIV', id: 'browser' }, { runtime: fake.runtime });
    fake.scope.chrome = Object.assign({ tagName: 'DIV', id: 'chrome' }, { runtime: fake.runtime });
    const found = detectScope(fake.scope);
    assert.equal(found.namespace, 'browser');
    assert.equal(found.api!.runtime.connect, fake.connect);
    assert.equal(found.browser.name, 'chrome');
  });

  it('`<div id="browser">` in a plain page: neither namespace', () => {
    assert.equal(detectScope({ ...createPlainChromePage(), browser: { tagName: 'DIV' } }).namespace, null);
  });

  it('caches per scope object; a fresh scope is detected afresh', () => {
    const fake = createFakeBrowser('chromium');
    const first = detect(fake.scope);
    delete fake.scope.browser;
    assert.equal(detect(fake.scope), first);
    assert.equal(detect({ ...fake.scope }).namespace, 'chrome');
  });

  it('returns frozen results', () => {
    const found = detect(createFakeBrowser('firefox').scope);
    assert.ok(Object.isFrozen(found) && Object.isFrozen(found.browser));
  });

  it('never throws on hostile scopes', () => {
    const throwing = new Proxy({}, { get() { throw new Error('boom'); } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const hostile: unknown[] = [
      throwing,
      proxy,
      { chrome: throwing, browser: proxy, navigator: throwing },
      { navigator: { userAgent: 42, userAgentData: { brands: 'Chromium' } } },
      { navigator: { userAgentData: { brands: [null, 1, { brand: 'Microsoft Edge', version: {} }] } } },
      { navigator: { userAgentData: { brands: proxy } } },
      null,
      undefined,
      42,
    ];
    hostile.forEach((scope, at) => assert.doesNotThrow(() => detect(scope as object), `hostile scope #${at}`));
    assert.deepEqual(detect({ navigator: { userAgentData: { brands: [null, 1, { brand: 'Microsoft Edge', version: {} }] } } }).browser, { name: 'edge', version: null });
  });
});

describe('detect: Safari and Safari on iOS (fakes built from documentation, not a real Safari)', () => {
  const IPAD_DESKTOP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';

  it('Safari 18.4 extension (browser === chrome): browser namespace, promises, safari 18.4, its runtime.id', () => {
    const fake = createFakeBrowser('safari');
    assert.deepEqual({ ...detectScope(fake.scope), api: null }, {
      namespace: 'browser', api: null, promises: true, browser: { name: 'safari', version: '18.4' }, extensionId: OWN_ID, serialization: 'json',
    });
  });

  it('the `browser === chrome` alias is Firefox\'s and Safari\'s: the user agent tells which, Firefox when it names neither', () => {
    const fake = createFakeBrowser('safari');
    const withAgent = (userAgent: string) => detectScope({ ...fake.scope, navigator: { userAgent, maxTouchPoints: 0 } }).browser;
    assert.deepEqual(withAgent(USER_AGENTS.firefox), { name: 'firefox', version: '153.0' });
    assert.deepEqual(withAgent(USER_AGENTS.chromium), { name: 'firefox', version: null });
    assert.deepEqual(withAgent(USER_AGENTS.oldSafari), { name: 'safari', version: '17.6' });
    // Firefox's own background still says so by runtime.getBrowserInfo, whatever its user agent.
    const firefox = createFakeBrowser('firefox');
    assert.deepEqual(detectScope({ ...firefox.scope, navigator: { userAgent: USER_AGENTS.safari } }).browser, { name: 'firefox', version: null });
  });

  it('iPadOS asking for desktop sites (the Mac\'s user agent): safari_ios by its touch points; a Mac stays safari', () => {
    const fake = createFakeBrowser('safari');
    const withTouch = (maxTouchPoints: unknown) => detectScope({ ...fake.scope, navigator: { userAgent: IPAD_DESKTOP, maxTouchPoints } }).browser;
    assert.deepEqual(withTouch(5), { name: 'safari_ios', version: '17.1' });
    assert.deepEqual(withTouch(0), { name: 'safari', version: '17.1' });
    assert.deepEqual(withTouch(1), { name: 'safari', version: '17.1' });
    assert.deepEqual(withTouch(undefined), { name: 'safari', version: '17.1' });
    // A plain iPad page (no extension API) too, and touch points never turn another browser into Safari.
    assert.deepEqual(detectBrowser({ navigator: { userAgent: IPAD_DESKTOP, maxTouchPoints: 5 } }), { name: 'safari_ios', version: '17.1' });
    assert.deepEqual(detectBrowser({ navigator: { userAgent: USER_AGENTS.chromium, maxTouchPoints: 10 } }), { name: 'chrome', version: '156.0.0.0' });
  });

  it('Safari on iOS by its own user agent', () => {
    const fake = createFakeBrowser('safari');
    const ios = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1';
    assert.deepEqual(detectScope({ ...fake.scope, navigator: { userAgent: ios, maxTouchPoints: 5 } }).browser, { name: 'safari_ios', version: '26.0' });
  });

  it('a web page Safari lets connect (externally_connectable): `browser` only, no extension id', () => {
    const found = detectScope(createFakeBrowser('safariPage').scope);
    assert.deepEqual({ namespace: found.namespace, promises: found.promises, browser: found.browser, extensionId: found.extensionId }, {
      namespace: 'browser', promises: true, browser: { name: 'safari', version: '18.4' }, extensionId: null,
    });
  });

  it('Chrome, Edge and Firefox on iOS are not Safari', () => {
    const page = (userAgent: string) => detectBrowser({ navigator: { userAgent, maxTouchPoints: 5 } }).name;
    assert.equal(page('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1'), 'chrome');
    assert.equal(page('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/120.0.2210.150 Mobile/15E148 Safari/605.1.15'), 'edge');
    assert.equal(page('Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/120.0 Mobile/15E148 Safari/605.1.15'), null);
  });

  it('Safari\'s `chrome` returns promises as its `browser` does, even when `browser` is shadowed', () => {
    const fake = createFakeBrowser('safari');
    fake.runtime.getManifest = () => ({ manifest_version: 2 });
    const found = detectScope({ ...fake.scope, browser: { tagName: 'DIV', id: 'browser' } });
    assert.deepEqual([found.namespace, found.promises, found.browser.name], ['chrome', true, 'safari']);
  });
});
