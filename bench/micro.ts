// Per-call cost (ns) of detect() (cached), normalizeConnectArgs, isSupported and connect()'s own work,
// measured on dist/webext-connect.mjs in this process, with fake Chromium content-script globals
// (browser, chrome, navigator) installed on globalThis for the duration (not in a node:vm context:
// there every global read goes through an interceptor and costs ~50 ns, which would swamp the figures).
import { pathToFileURL } from 'node:url';
import { ESM } from './size.js';
import { summarize, type Summary } from './stats.js';

function fakeGlobals() {
  const event = () => ({ addListener() {}, removeListener() {}, hasListener: () => false });
  const runtime = {
    id: 'abcdefghijklmnopabcdefghijklmnop',
    lastError: undefined,
    connect: () => ({ name: '', sender: undefined, postMessage() {}, disconnect() {}, onMessage: event(), onDisconnect: event() }),
    onConnect: event(),
    onConnectExternal: event(),
    getManifest: () => ({ manifest_version: 3 }),
  };
  return {
    chrome: { runtime },
    browser: { runtime },
    navigator: {
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      userAgentData: { brands: [{ brand: 'Chromium', version: '156' }, { brand: 'Not=A?Brand', version: '24' }] },
    },
  };
}
/** One micro-benchmark: an expression evaluated per call in the fake context; `raw` is the native-API equivalent, if any. */
export interface MicroCase {
  label: string;
  ours: string;
  raw?: string;
}

export const MICRO_CASES: MicroCase[] = [
  { label: 'detect() (cached)', ours: 'lib.detect()', raw: "typeof globalThis.browser.runtime.connect === 'function'" },
  { label: "normalizeConnectArgs({name:'x'})", ours: "lib.normalizeConnectArgs({ name: 'x' })" },
  { label: "normalizeConnectArgs(id, {name:'x'})", ours: "lib.normalizeConnectArgs('abcdefghijklmnopabcdefghijklmnop', { name: 'x' })" },
  { label: 'isSupported(feature, {browser, version})', ours: "lib.isSupported('runtime.connect.connectInfo.includeTlsChannelId', { browser: 'chrome', version: '156.0.0.0' })" },
  { label: 'isSupported(feature) (running browser)', ours: "lib.isSupported('runtime.Port.error')" },
  { label: "connect({name:'x'}) over a fake native", ours: "lib.connect({ name: 'x' })", raw: "globalThis.chrome.runtime.connect({ name: 'x' })" },
];

export interface MicroResult {
  label: string;
  ours: Summary;
  raw?: Summary;
}

/** ns per call: `rounds` timed batches of `perRound` calls each, after two untimed batches; loop overhead included. */
export async function measureMicro(rounds = 11, perRound = 50_000): Promise<MicroResult[]> {
  const lib = await import(pathToFileURL(ESM).href);
  const fakes = fakeGlobals();
  const saved = Object.keys(fakes).map((key) => [key, Object.getOwnPropertyDescriptor(globalThis, key)] as const);
  for (const [key, value] of Object.entries(fakes)) Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  try {
    // A fresh function per case, the expression inlined, so no call site is shared between cases.
    const loop = (expr: string) => new Function('lib', 'n', `var sink; for (var i = 0; i < n; i++) sink = ${expr}; return sink;`) as (l: unknown, n: number) => unknown;
    const time = (fn: (l: unknown, n: number) => unknown) => {
      const start = process.hrtime.bigint();
      fn(lib, perRound);
      return Number(process.hrtime.bigint() - start) / perRound;
    };
    // A case whose export is gone (src/ is being slimmed) is left out instead of failing the run.
    const present = MICRO_CASES.filter(({ ours }) => typeof lib[/^lib\.(\w+)/.exec(ours)?.[1] ?? ''] === 'function');
    return present.map(({ label, ours, raw }) => {
      const fns = { ours: loop(ours), raw: raw ? loop(raw) : undefined };
      for (let w = 0; w < 2; w++) {
        fns.ours(lib, perRound);
        fns.raw?.(lib, perRound);
      }
      const samples = { ours: [] as number[], raw: [] as number[] };
      for (let r = 0; r < rounds; r++) {
        samples.ours.push(time(fns.ours));
        if (fns.raw) samples.raw.push(time(fns.raw));
      }
      return { label, ours: summarize(samples.ours), ...(fns.raw ? { raw: summarize(samples.raw) } : {}) };
    });
  } finally {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, key, descriptor);
      else delete (globalThis as Record<string, unknown>)[key];
    }
  }
}
