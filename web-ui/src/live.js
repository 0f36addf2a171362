// Live updates: follows /api/v1/events and re-renders the current page's <main> in place when objects or
// statuses change, then highlights what changed. EventSource resumes with Last-Event-ID by itself.
import { changedKeys, debounce, fingerprints, isRelevantEvent } from './live-diff.js';

const EVENT_TYPES = ['added', 'modified', 'deleted', 'status', 'snapshot', 'reset'];
const HIGHLIGHT_MS = 2500;

/** Fields the person has typed into: swapping <main> would throw their input away. */
function hasUnsavedInput(main) {
  for (const field of main.querySelectorAll('input, textarea, select')) {
    if (field.type === 'checkbox' || field.type === 'radio') {
      if (field.checked !== field.defaultChecked) return true;
    } else if (field.tagName === 'SELECT') {
      if ([...field.options].some((option) => option.selected !== option.defaultSelected)) return true;
    } else if (field.value !== field.defaultValue) {
      return true;
    }
  }
  return false;
}

/** A way to find the focused element again in the new content: its id, data-key or link target. */
function focusSelector(main) {
  const active = document.activeElement;
  if (!active || active === document.body || !main.contains(active)) return null;
  if (active.id) return `#${CSS.escape(active.id)}`;
  const keyed = active.closest('[data-key]');
  if (active.tagName === 'A' && active.getAttribute('href')) {
    const link = `a[href="${CSS.escape(active.getAttribute('href'))}"]`;
    return keyed ? `[data-key="${CSS.escape(keyed.getAttribute('data-key'))}"] ${link}` : link;
  }
  return keyed ? `[data-key="${CSS.escape(keyed.getAttribute('data-key'))}"]` : null;
}

function highlight(main, keys) {
  for (const key of keys) {
    for (const element of main.querySelectorAll(`[data-key="${CSS.escape(key)}"]`)) {
      element.classList.remove('live-changed');
      // restart the animation when the same element changes twice in a row
      void element.offsetWidth;
      element.classList.add('live-changed');
      setTimeout(() => element.classList.remove('live-changed'), HIGHLIGHT_MS);
    }
  }
}

/** Copies every [data-live] slot outside <main> (header, footer versions) from the freshly rendered page. */
function updateSlots(fresh) {
  for (const slot of document.querySelectorAll('[data-live]')) {
    if (slot.closest('main')) continue;
    const name = slot.getAttribute('data-live');
    const next = fresh.querySelector(`[data-live="${CSS.escape(name)}"]`);
    if (next && next.textContent !== slot.textContent) {
      slot.textContent = next.textContent;
      slot.classList.add('live-changed');
      setTimeout(() => slot.classList.remove('live-changed'), HIGHLIGHT_MS);
    }
  }
  const version = fresh.body?.getAttribute('data-snapshot-version');
  if (version) document.body.setAttribute('data-snapshot-version', version);
}

let inFlight = null;

/** Fetches the current URL again and swaps <main>'s content; resolves with the keys that changed. */
export async function refresh() {
  if (inFlight) return inFlight;
  inFlight = (async () => {
    const main = document.querySelector('main');
    // interactive pages (topology map, tracer, apply) opt out: a swap would throw away what the user built
    if (!main || main.hasAttribute('data-live-off') || main.querySelector('[data-live-off]') || hasUnsavedInput(main)) return [];
    const response = await fetch(window.location.href, { headers: { Accept: 'text/html' }, cache: 'no-store' });
    if (!response.ok) return [];
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    const freshMain = fresh.querySelector('main');
    if (!freshMain) return [];
    const before = fingerprints(main);
    const after = fingerprints(freshMain);
    const focus = focusSelector(main);
    const scroll = { x: window.scrollX, y: window.scrollY };
    main.replaceChildren(...[...freshMain.childNodes].map((node) => document.adoptNode(node)));
    updateSlots(fresh);
    window.scrollTo(scroll.x, scroll.y);
    if (focus) main.querySelector(focus)?.focus({ preventScroll: true });
    const changed = changedKeys(before, after);
    highlight(main, changed);
    document.dispatchEvent(new CustomEvent('portolan:updated', { detail: { root: main, changed } }));
    return changed;
  })();
  try {
    return await inFlight;
  } catch (error) {
    console.warn('live update failed:', error.message);
    return [];
  } finally {
    inFlight = null;
  }
}

/** Ensures the stylesheet built from live.css (bundled into main.css) is loaded. */
function loadStyles() {
  if (document.querySelector('link[href="/ui/main.css"]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/ui/main.css';
  document.head.append(link);
}

/** Subscribes to the event stream; returns the EventSource (null where the browser has none). */
export function startLive({ url = '/api/v1/events', waitMs = 300 } = {}) {
  if (typeof EventSource === 'undefined' || !document.querySelector('main')) return null;
  loadStyles();
  const scheduled = debounce(() => { refresh(); }, waitMs);
  const source = new EventSource(url);
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (event) => {
      if (isRelevantEvent(event.type)) scheduled();
    });
  }
  document.documentElement.setAttribute('data-live-connected', 'true');
  window.addEventListener('pagehide', () => source.close());
  return source;
}
