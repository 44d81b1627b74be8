// The request stress test's background: answers 'work' with {tab, k, life} after 20–49 ms (a slow
// request: after `slowDelay`, longer than its timeout), `life` drawn once per background lifetime so
// the driver sees each restart in the replies. Registered at the top level: a background woken by a
// request has its handler before the first message.
const life = Math.random().toString(36).slice(2, 8);
webextConnect.onRequest('work', ({ tab, k, slow }) => new Promise((resolve) => setTimeout(() => resolve({ tab, k, life }), slow ? WXR.slowDelay : 20 + (k % 30))));
