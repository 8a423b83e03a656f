// timers.js: every timer of the live modules goes through one of these, so the page can clear them all on pagehide.
// The clock functions are passed in (the browser's, or a test's fake ones).

export function createTimers({ setTimeout: set = globalThis.setTimeout, clearTimeout: clear = globalThis.clearTimeout } = {}) {
  const ids = new Set();
  return {
    /** Runs fn once after ms; returns an id for cancel. */
    later(fn, ms) {
      const id = set(() => { ids.delete(id); fn(); }, ms);
      ids.add(id);
      return id;
    },
    cancel(id) {
      clear(id);
      ids.delete(id);
    },
    clear() {
      for (const id of ids) clear(id);
      ids.clear();
    },
    get size() { return ids.size; },
  };
}
