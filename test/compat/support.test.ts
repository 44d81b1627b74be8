// supportsMajor(), connect()'s cheaper reading of the includeTlsChannelId row, against supports(),
// which isSupported() uses: the same answer wherever a user agent's version can land.
import assert from 'node:assert/strict';
import { supports, supportsMajor } from '../../src/compat/support.js';
import { INCLUDE_TLS_CHANNEL_ID } from '../../src/compat/table.js';
import { BROWSER_NAMES } from '../../src/detect/user-agent.js';

describe('supportsMajor', () => {
  it('reads a row whose versions are whole majors: the includeTlsChannelId row is one', () => {
    for (const [browser, statement] of Object.entries(INCLUDE_TLS_CHANNEL_ID)) {
      for (const version of [statement.version_added, 'version_removed' in statement ? statement.version_removed : undefined]) {
        assert.ok(version === false || version === undefined || /^\d+$/.test(version), `${browser}: ${String(version)}`);
      }
    }
  });

  it('answers as supports() for every browser at, around and between the boundaries, with build numbers', () => {
    let checked = 0;
    for (const browser of BROWSER_NAMES) {
      for (let major = 0; major <= 130; major++) {
        for (const version of [`${major}`, `${major}.0`, `${major}.9.3578.98`]) {
          assert.equal(supportsMajor(INCLUDE_TLS_CHANNEL_ID, browser, version), supports(INCLUDE_TLS_CHANNEL_ID, browser, version), `${browser} ${version}`);
          checked++;
        }
      }
    }
    assert.equal(checked, BROWSER_NAMES.length * 131 * 3);
    assert.deepEqual([supportsMajor(INCLUDE_TLS_CHANNEL_ID, 'chrome', '71.0.3578.98'), supportsMajor(INCLUDE_TLS_CHANNEL_ID, 'chrome', '72.0.3626.81')], [true, false]);
  });

  it('finds nothing for an unknown or inherited browser key', () => {
    for (const browser of ['netscape', '__proto__', 'toString']) assert.equal(supportsMajor(INCLUDE_TLS_CHANNEL_ID, browser, '50'), false);
  });
});
