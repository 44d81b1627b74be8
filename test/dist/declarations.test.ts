// The published declarations stay readable: names where a reader expects names, and no internals
// among the exports. `npm test` builds dist/ first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DIST } from '../../bench/size.js';

for (const file of ['webext-connect.d.mts', 'webext-connect.d.cts']) {
  describe(`dist/${file}`, () => {
    const text = readFileSync(`${DIST}${file}`, 'utf8');
    const exported = /^export \{([^}]*)\};?$/m.exec(text)?.[1]?.split(',').map((name) => name.trim().replace(/^type /, '')) ?? [];

    it('spells FeatureName and BrowserName out as unions, not as the types of the tables', () => {
      assert.match(text, /^type FeatureName = 'runtime\.connect' \| /m);
      assert.match(text, /^type BrowserName = 'chrome' \| /m);
      assert.doesNotMatch(text, /COMPAT_TABLE|COMPAT_NOTES|USER_AGENT_PATTERNS|BEFORE_SAFARI|NAMESPACES/);
    });

    it('exports no internals', () => {
      assert.ok(exported.includes('connect') && exported.includes('isWebextConnectError'), exported.join(', '));
      for (const internal of ['NativeRuntime', 'NativePort', 'ExtensionApi', 'ExtensionEvent', 'PortLike', 'NativePortEvent', 'UncallableEventMethods', 'Scope']) {
        assert.ok(!exported.includes(internal), internal);
      }
    });

    it('is short enough to read: under 400 lines', () => {
      assert.ok(text.split('\n').length < 400, `${text.split('\n').length} lines`);
    });
  });
}
