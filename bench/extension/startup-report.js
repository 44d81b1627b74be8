// Reports how long the file between t0.js and t1.js took to evaluate in this content script.
fetch(BENCH.report, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    from: 'startup',
    browser: BENCH.browser,
    url: location.pathname + location.search,
    ms: globalThis.__benchT1 - globalThis.__benchT0,
    isolated: globalThis.crossOriginIsolated === true,
  }),
});
