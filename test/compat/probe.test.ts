import assert from 'node:assert/strict';
import { probeSupport } from '../../src/compat/probe.js';
import { compatTable } from '../../src/compat/query.js';
import { normalizePort } from '../../src/native/port.js';
import { createEmptyScope, createFakeBrowser, USER_AGENTS } from '../helpers/fake-browsers.js';

const TLS = 'runtime.connect.connectInfo.includeTlsChannelId';
const TODAYS_THREE = ['runtime.connect', TLS, 'runtime.Port.error'] as const;
const pick = (probed: ReturnType<typeof probeSupport>) => Object.fromEntries(TODAYS_THREE.map((feature) => [feature, probed[feature]]));
const EDGE_131 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86';

describe('probeSupport', () => {
  it('answers for every table feature, and only those', () => {
    assert.deepEqual(Object.keys(probeSupport(createEmptyScope())).sort(), Object.keys(compatTable).sort());
  });

  it('Firefox 153: table and live agree on connect; Port.error is the table\'s alone, before and after a port', () => {
    const fake = createFakeBrowser('firefox');
    const before = pick(probeSupport(fake.scope));
    assert.deepEqual(before, {
      'runtime.connect': { table: true, live: true },
      [TLS]: { table: false, live: null },
      'runtime.Port.error': { table: true, live: null },
    });
    normalizePort(fake.runtime.connect({ name: 'x' }), fake.runtime as never);
    assert.deepEqual(pick(probeSupport(fake.scope)), before);
  });

  it('Chromium 156: the same answer whether or not a port was created first', () => {
    const fake = createFakeBrowser('chromium');
    const before = pick(probeSupport(fake.scope));
    normalizePort(fake.runtime.connect({ name: 'x' }), fake.runtime as never);
    assert.deepEqual(pick(probeSupport(fake.scope)), before);
    assert.deepEqual(before, {
      'runtime.connect': { table: true, live: true },
      [TLS]: { table: false, live: null },
      'runtime.Port.error': { table: false, live: null },
    });
  });

  it('the rows only a connection or a message shows: the table\'s claim, live null', () => {
    const claims = (kind: 'firefox' | 'chromium' | 'safari') => {
      const probed = probeSupport(createFakeBrowser(kind).scope);
      const rest = Object.keys(probed).filter((feature) => !(TODAYS_THREE as readonly string[]).includes(feature)) as Array<keyof typeof probed>;
      assert.ok(rest.every((feature) => probed[feature].live === null), kind);
      return Object.fromEntries(rest.map((feature) => [feature, probed[feature].table]));
    };
    assert.deepEqual(claims('firefox'), {
      'runtime.MessageSender.tlsChannelId': false, 'runtime.onConnect': true, 'runtime.onConnectExternal': true, 'manifest.externally_connectable': false,
      'runtime.MessageSender.origin': true, 'runtime.MessageSender.documentId': true, 'runtime.MessageSender.documentLifecycle': false, 'runtime.Port.postMessage.structured_clone': true,
      'tabs.connect': true, 'tabs.connect.connectInfo.frameId': true, 'tabs.connect.connectInfo.documentId': true,
    });
    assert.deepEqual(claims('chromium'), {
      'runtime.MessageSender.tlsChannelId': false, 'runtime.onConnect': true, 'runtime.onConnectExternal': true, 'manifest.externally_connectable': true,
      'runtime.MessageSender.origin': true, 'runtime.MessageSender.documentId': true, 'runtime.MessageSender.documentLifecycle': true, 'runtime.Port.postMessage.structured_clone': true,
      'tabs.connect': true, 'tabs.connect.connectInfo.frameId': true, 'tabs.connect.connectInfo.documentId': true,
    });
    assert.deepEqual(claims('safari'), {
      'runtime.MessageSender.tlsChannelId': false, 'runtime.onConnect': true, 'runtime.onConnectExternal': true, 'manifest.externally_connectable': true,
      'runtime.MessageSender.origin': true, 'runtime.MessageSender.documentId': true, 'runtime.MessageSender.documentLifecycle': false, 'runtime.Port.postMessage.structured_clone': false,
      'tabs.connect': true, 'tabs.connect.connectInfo.frameId': true, 'tabs.connect.connectInfo.documentId': true,
    });
  });

  it('Safari 18.4 and Safari 17.6: the table\'s port.error, whatever a port showed', () => {
    const modern = createFakeBrowser('safari');
    normalizePort(modern.runtime.connect({ name: 'x' }), modern.runtime as never);
    assert.deepEqual(probeSupport(modern.scope)['runtime.Port.error'], { table: true, live: null });
    const old = createFakeBrowser('oldSafari');
    normalizePort(old.runtime.connect({ name: 'x' }), old.runtime as never);
    assert.deepEqual(probeSupport(old.scope)['runtime.Port.error'], { table: false, live: null });
  });

  it('Chromium Edge: the documented difference, connect runs although the table says no', () => {
    const fake = createFakeBrowser('chromium');
    fake.scope.navigator = { userAgent: EDGE_131, userAgentData: { brands: [{ brand: 'Microsoft Edge', version: '131' }, { brand: 'Chromium', version: '131' }] } };
    assert.deepEqual(probeSupport(fake.scope)['runtime.connect'], { table: false, live: true });
  });

  it('old Chrome 50: includeTlsChannelId is in the table, yet the probe cannot tell', () => {
    const fake = createFakeBrowser('oldChrome');
    assert.deepEqual(probeSupport(fake.scope)[TLS], { table: true, live: null });
  });

  it('no extension API (Node, a web page): live false for connect, whatever the table says', () => {
    assert.deepEqual(probeSupport(createEmptyScope(USER_AGENTS.firefox))['runtime.connect'], { table: true, live: false });
    assert.deepEqual(probeSupport({})['runtime.connect'], { table: false, live: false });
    assert.deepEqual(probeSupport()['runtime.connect'], { table: false, live: false });
  });
});

describe('normalizePort on hostile input', () => {
  it('never throws, even for a revoked Proxy port or runtime', () => {
    const fake = createFakeBrowser('chromium');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    assert.doesNotThrow(() => normalizePort(revoked.proxy as never, {} as never));
    assert.doesNotThrow(() => normalizePort(fake.runtime.connect({ name: 'y' }), revoked.proxy as never));
  });
});
