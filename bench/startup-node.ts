// Start-up cost in node:vm: evaluating dist/webext-connect.umd.min.js vs webextension-polyfill's
// browser-polyfill.min.js (and an empty script, the floor), interleaved in one run.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { POLYFILL_MIN, UMD_MIN } from './size.js';
import { summarize, type Summary } from './stats.js';

/**
 * The same fake extension global for both files. webextension-polyfill throws unless
 * `chrome.runtime.id` exists, and builds its Proxy wrapper only when there is no `browser` global,
 * so with this scope it evaluates fully. webext-connect reads no global while loading.
 */
function fakeGlobals() {
  const event = () => ({ addListener() {}, removeListener() {}, hasListener: () => false });
  return {
    chrome: {
      runtime: { id: 'abcdefghijklmnopabcdefghijklmnop', connect() {}, sendMessage() {}, onConnect: event(), onMessage: event(), onMessageExternal: event() },
    },
  };
}

export interface StartupResult {
  /** The UMD min file. */
  ours: Summary;
  /** The core as one minified classic script (bench/size.ts, coreScript()). */
  core: Summary;
  polyfill: Summary;
  empty: Summary;
  /** Per-iteration ratios ours/polyfill and core/polyfill (measured back to back). */
  ratio: Summary;
  coreRatio: Summary;
}

// How each file's global is checked after it ran.
const GLOBAL_OF = { ours: 'typeof webextConnect', core: 'typeof webextConnectCore', polyfill: 'typeof browser' } as const;

const micros = (start: bigint) => Number(process.hrtime.bigint() - start) / 1000;

/**
 * precompiled: one vm.Script per file, runInContext timed in a fresh context each iteration.
 * compile: a new vm.Script each iteration, timed together with runInContext; a unique trailing
 * comment keeps V8's in-isolate compilation cache from answering.
 */
export function measureVmStartup(mode: 'precompiled' | 'compile', core: string, iterations = 300, warmup = 30): StartupResult {
  const sources = { ours: readFileSync(UMD_MIN, 'utf8'), core, polyfill: readFileSync(POLYFILL_MIN, 'utf8'), empty: '' };
  const names = ['ours', 'core', 'polyfill', 'empty'] as const;
  const scripts = Object.fromEntries(names.map((n) => [n, new vm.Script(sources[n], { filename: `${n}.js` })])) as Record<(typeof names)[number], vm.Script>;
  const samples: Record<(typeof names)[number], number[]> = { ours: [], core: [], polyfill: [], empty: [] };
  const ratios: number[] = [];
  const coreRatios: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const times: Partial<Record<(typeof names)[number], number>> = {};
    // Rotate the order so no file always runs first after a context is made.
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]!;
      const context = vm.createContext(fakeGlobals());
      let start: bigint;
      if (mode === 'precompiled') {
        start = process.hrtime.bigint();
        scripts[name].runInContext(context);
      } else {
        start = process.hrtime.bigint();
        new vm.Script(`${sources[name]}\n//${mode}${i}`, { filename: `${name}.js` }).runInContext(context);
      }
      times[name] = micros(start);
      if (name !== 'empty' && vm.runInContext(GLOBAL_OF[name], context) !== 'object') {
        throw new Error(`${name} did not define its global`);
      }
    }
    if (i < warmup) continue;
    for (const n of names) samples[n].push(times[n]!);
    ratios.push(times.ours! / times.polyfill!);
    coreRatios.push(times.core! / times.polyfill!);
  }
  const [ours, coreTimes, polyfill, empty] = names.map((n) => summarize(samples[n]));
  return { ours: ours!, core: coreTimes!, polyfill: polyfill!, empty: empty!, ratio: summarize(ratios), coreRatio: summarize(coreRatios) };
}
