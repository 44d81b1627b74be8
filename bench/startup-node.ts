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
  ours: Summary;
  polyfill: Summary;
  empty: Summary;
  /** Per-iteration ratio ours/polyfill (each pair measured back to back). */
  ratio: Summary;
}

const micros = (start: bigint) => Number(process.hrtime.bigint() - start) / 1000;

/**
 * precompiled: one vm.Script per file, runInContext timed in a fresh context each iteration.
 * compile: a new vm.Script each iteration, timed together with runInContext; a unique trailing
 * comment keeps V8's in-isolate compilation cache from answering.
 */
export function measureVmStartup(mode: 'precompiled' | 'compile', iterations = 300, warmup = 30): StartupResult {
  const sources = { ours: readFileSync(UMD_MIN, 'utf8'), polyfill: readFileSync(POLYFILL_MIN, 'utf8'), empty: '' };
  const names = ['ours', 'polyfill', 'empty'] as const;
  const scripts = Object.fromEntries(names.map((n) => [n, new vm.Script(sources[n], { filename: `${n}.js` })])) as Record<(typeof names)[number], vm.Script>;
  const samples: Record<(typeof names)[number], number[]> = { ours: [], polyfill: [], empty: [] };
  const ratios: number[] = [];
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
      if (name !== 'empty' && vm.runInContext(name === 'ours' ? 'typeof webextConnect' : 'typeof browser', context) !== 'object') {
        throw new Error(`${name} did not define its global`);
      }
    }
    if (i < warmup) continue;
    for (const n of names) samples[n].push(times[n]!);
    ratios.push(times.ours! / times.polyfill!);
  }
  return { ours: summarize(samples.ours), polyfill: summarize(samples.polyfill), empty: summarize(samples.empty), ratio: summarize(ratios) };
}
