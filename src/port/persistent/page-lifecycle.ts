// The back/forward cache: a page that enters it must keep no native port (Chromium 123+ closes it
// anyway, from the background's side only), and one that comes back from it reconnects.
import { read } from '../../read.js';
import type { Scope } from '../../types.js';

/** Calls `hide` when the page enters the back/forward cache and `show` when it returns; returns the function that stops watching. */
export function watchPage(scope: Scope, hide: () => void, show: () => void): () => void {
  if (typeof read(scope, 'addEventListener') !== 'function') return () => {};
  const page = scope as EventTarget;
  // `persisted`: only these pagehide/pageshow events concern the cache; the others are loads and unloads.
  const onHide = (event: Event) => read(event, 'persisted') && hide();
  const onShow = (event: Event) => read(event, 'persisted') && show();
  page.addEventListener('pagehide', onHide);
  page.addEventListener('pageshow', onShow);
  return () => {
    page.removeEventListener('pagehide', onHide);
    page.removeEventListener('pageshow', onShow);
  };
}
