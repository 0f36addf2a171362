// Dashboard entry point: progressive enhancement of server-rendered pages.
import { formatAge, summarizeParentConditions } from './status.js';
import { startLive } from './live.js';
import './live.css';
import { enhanceSortableTables } from './sort.js';
import { enhanceCopyButtons } from './copy.js';
import { enhanceSoftBreaks } from './soft-breaks.js';

/** Fills every <time data-age datetime="..."> with its relative age ("3m", "2h", ...). */
function renderAges(root, now) {
  for (const element of root.querySelectorAll('time[data-age]')) {
    element.textContent = formatAge(element.getAttribute('datetime'), now);
  }
}

/** Fills every [data-parent-conditions] (JSON of status.parents) with its summary and a CSS class. */
function renderParentSummaries(root) {
  for (const element of root.querySelectorAll('[data-parent-conditions]')) {
    let summary;
    try {
      summary = summarizeParentConditions(JSON.parse(element.dataset.parentConditions));
    } catch {
      summary = 'Unknown';
    }
    element.textContent = summary;
    element.classList.add(`status-${summary.toLowerCase()}`);
  }
}

function enhance() {
  renderAges(document, Date.now());
  renderParentSummaries(document);
  enhanceSortableTables(document);
  enhanceCopyButtons(document);
  enhanceSoftBreaks(document);
}

function start() {
  enhance();
  // live updates swap <main>: enhance the new content too
  document.addEventListener('portolan:updated', enhance);
  startLive();
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}

// tools: topology map, request tracer, apply page
import { initTopology } from './topology.js';
import { initTrace } from './trace.js';
import { initApply } from './apply.js';

function enhanceTools() {
  const topology = document.querySelector('[data-topology]');
  if (topology) initTopology(topology);
  const trace = document.querySelector('[data-trace-form]');
  if (trace) initTrace(trace);
  const apply = document.querySelector('[data-apply-form]');
  if (apply) initApply(apply);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', enhanceTools);
} else {
  enhanceTools();
}
