// Content script of the request bench: request/reply round trips three ways, interleaved, and
// `inFlight` requests sent at once. ours: port.request() on a persistentPort(); raw:
// chrome.runtime.sendMessage with the background's sendResponse reply (a Promise in Chromium MV3 and
// in Firefox, where chrome is browser); webextCore: @webext-core/messaging's sendMessage.
const port = webextConnect.persistentPort({ name: 'bench-requests' });
const messenger = webextCoreMessaging.defineExtensionMessaging();
const KINDS = {
  ours: (i) => port.request('echo', i),
  raw: (i) => chrome.runtime.sendMessage({ echo: i }),
  webextCore: (i) => messenger.sendMessage('echo', i),
};
const NAMES = Object.keys(KINDS);

// A reply that is not the echo would make the timing meaningless: fail the run instead.
function check(kind, reply, expected) {
  if (reply !== expected) throw new Error(`${kind}: reply ${JSON.stringify(reply)}, expected ${expected}`);
}

// ms from the call to the reply.
async function roundTrip(kind, i) {
  const start = performance.now();
  const reply = await KINDS[kind](i);
  const ms = performance.now() - start;
  check(kind, reply, i);
  return ms;
}

// ms from the first of `count` calls, made at once, to the last reply.
async function inFlight(kind, count) {
  const start = performance.now();
  const replies = await Promise.all(Array.from({ length: count }, (_, i) => KINDS[kind](i)));
  const ms = performance.now() - start;
  replies.forEach((reply, i) => check(kind, reply, i));
  return ms;
}

async function run() {
  const { iterations, warmup, inFlightCount, inFlightReps } = BENCH.requests;
  const roundTrips = { ours: [], raw: [], webextCore: [] };
  for (let i = 0; i < warmup + iterations; i++) {
    // Interleaved, the order rotating each iteration, so the three share the browser's state.
    for (let k = 0; k < NAMES.length; k++) {
      const kind = NAMES[(i + k) % NAMES.length];
      const ms = await roundTrip(kind, i);
      if (i >= warmup) roundTrips[kind].push(ms);
    }
  }
  const inFlightMs = { ours: [], raw: [], webextCore: [] };
  for (let r = 0; r < inFlightReps; r++) {
    for (let k = 0; k < NAMES.length; k++) {
      const kind = NAMES[(r + k) % NAMES.length];
      inFlightMs[kind].push(await inFlight(kind, inFlightCount));
    }
  }
  return { roundTrips, inFlight: inFlightMs };
}

reportRun('requests', run);
