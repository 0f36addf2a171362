// Pure helpers for live updates: no DOM globals, so node tests can drive them with plain objects.

/** Calls fn once, `waitMs` after the last of a burst of calls, with the last call's arguments. */
// The default timers are wrapped: browsers throw "Illegal invocation" when setTimeout is called as a method of
// another object.
const globalTimers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id) };

export function debounce(fn, waitMs, timers = globalTimers) {
  let timer = null;
  const debounced = (...args) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      fn(...args);
    }, waitMs);
  };
  debounced.cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  return debounced;
}

/**
 * Keys whose content is new or different: `before` and `after` map a stable key (data-key) to the element's text
 * (or any string fingerprint). Removed keys are not listed: there is nothing left on the page to highlight.
 */
export function changedKeys(before, after) {
  const changed = [];
  for (const [key, fingerprint] of after) {
    if (!before.has(key) || before.get(key) !== fingerprint) changed.push(key);
  }
  return changed.sort();
}

/** Whether a server-sent event means the page may show something else: object, status or snapshot changes. */
export function isRelevantEvent(type) {
  return ['added', 'modified', 'deleted', 'status', 'snapshot', 'reset'].includes(type);
}

/** Fingerprints of every [data-key] element under root: key -> normalised text plus class list. */
export function fingerprints(root) {
  const out = new Map();
  for (const element of root.querySelectorAll('[data-key]')) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    out.set(element.getAttribute('data-key'), `${element.className ?? ''}|${text}`);
  }
  return out;
}
