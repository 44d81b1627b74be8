import { createHash, generateKeyPairSync } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserName } from './browsers.js';

/** Browser-neutral description of a test extension; buildExtension() turns it into a per-browser flavour. */
export interface ExtensionSpec {
  /** Human name; also makes the default gecko id "<slug>@webext-connect.test". */
  name: string;
  /** Files of the extension: name in the extension dir -> text content, or { from: path } to copy. */
  files: Record<string, string | { from: string }>;
  /** Background scripts in load order (e.g. ['webext-connect.umd.js', 'bg.js']). */
  background?: string[];
  /** Load the background as an ES module (Chromium: a single service_worker file). */
  backgroundModule?: boolean;
  contentScripts?: { matches: string[]; js: string[]; run_at?: string; all_frames?: boolean }[];
  /** Host permissions (MV3 host_permissions, MV2 permissions). */
  hosts?: string[];
  permissions?: string[];
  /** Extra manifest keys merged last (externally_connectable, action, ...). */
  manifest?: Record<string, unknown>;
  /** Firefox manifest version (Chromium is always MV3). Default 2. */
  firefoxManifestVersion?: 2 | 3;
  geckoId?: string;
  /** Base64 SPKI public key for a fixed Chromium id; default: a fresh key from createChromiumKey(). */
  chromiumKey?: string;
}

/** An extension written to disk for one browser. */
export interface BuiltExtension {
  browser: BrowserName;
  dir: string;
  /** The id the browser will give it. */
  id: string;
  manifest: Record<string, unknown>;
}

/** Chromium's extension id for a base64 DER SubjectPublicKeyInfo: sha256, first 32 hex digits mapped 0-f -> a-p. */
export function chromiumId(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return hex.replace(/./g, (h) => String.fromCharCode(97 + parseInt(h, 16)));
}

/** Makes an RSA key pair; `key` goes into manifest.json, `id` is the resulting Chromium extension id. */
export function createChromiumKey(): { key: string; id: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { key, id: chromiumId(key), privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** Writes the browser's flavour of an extension into outDir (default: a new temp dir, the caller removes it) and returns its id. */
export async function buildExtension(spec: ExtensionSpec, browser: BrowserName, outDir?: string): Promise<BuiltExtension> {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), `webext-connect-ext-${browser}-`)));
  const files = { ...spec.files };
  const mv = browser === 'chromium' ? 3 : (spec.firefoxManifestVersion ?? 2);
  const manifest: Record<string, any> = { manifest_version: mv, name: spec.name, version: '1.0' };
  let id: string;

  if (browser === 'chromium') {
    const key = spec.chromiumKey ?? createChromiumKey().key;
    manifest.key = key;
    id = chromiumId(key);
  } else {
    id = spec.geckoId ?? `${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@webext-connect.test`;
    manifest.browser_specific_settings = { gecko: { id } };
  }

  const scripts = spec.background ?? [];
  if (scripts.length && browser === 'chromium') {
    let worker = scripts[0]!;
    if (scripts.length > 1) {
      // A service worker takes one file: chain the rest with importScripts (classic) or import (module).
      worker = 'background-worker.js';
      files[worker] = spec.backgroundModule
        ? scripts.map((s) => `import './${s}';\n`).join('')
        : `importScripts(${scripts.map((s) => JSON.stringify(s)).join(', ')});\n`;
    }
    manifest.background = { service_worker: worker, ...(spec.backgroundModule ? { type: 'module' } : {}) };
  } else if (scripts.length) {
    manifest.background = { scripts, ...(spec.backgroundModule ? { type: 'module' } : {}) };
  }

  if (spec.contentScripts) manifest.content_scripts = spec.contentScripts;
  const hosts = spec.hosts ?? [];
  if (mv === 3) {
    manifest.permissions = spec.permissions ?? [];
    manifest.host_permissions = hosts;
  } else {
    manifest.permissions = [...(spec.permissions ?? []), ...hosts];
  }
  Object.assign(manifest, spec.manifest);
  // An MV2 manifest names the toolbar button browser_action.
  if (mv === 2 && manifest.action) {
    manifest.browser_action = manifest.action;
    delete manifest.action;
  }

  files['manifest.json'] = JSON.stringify(manifest, null, 2);
  for (const [name, content] of Object.entries(files)) {
    const target = join(dir, name);
    await mkdir(dirname(target), { recursive: true });
    if (typeof content === 'string') await writeFile(target, content);
    else await copyFile(content.from, target);
  }
  return { browser, dir, id, manifest };
}
