// When to try again: the delays of reconnection.

/** Delay before attempt number `failures + 1` after `failures` failed ones in a row: 100 ms doubling to 5 s, so a starting background gets time and there is never a tight loop. */
export const retryDelay = (failures: number) => Math.min(100 * 2 ** (failures - 1), 5000);

/**
 * How long after a clean disconnect runtime.id is checked again: after an extension reload Chromium
 * clears runtime.id of an orphaned content script 1-6 ms after the disconnect, and a port opened
 * before that (the new one is opened at once) is a zombie that never disconnects.
 */
export const RECHECK_MS = 20;

/** A port that lived this long proved the background was there, even without any message back. */
export const ALIVE_MS = 1000;

/** A receiver known to speak the protocol says hello on every native port; one silent this long hangs and is replaced. */
export const HELLO_MS = 5000;
