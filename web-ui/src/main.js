// Dashboard entry point: progressive enhancement of server-rendered pages.
import { formatAge, summarizeParentConditions } from './status.js';
import { enhanceSortableTables } from './sort.js';
import { enhanceCopyButtons } from './copy.js';

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
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', enhance);
} else {
  enhance();
}
