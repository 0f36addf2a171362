// Sortable tables: each th of a table.sortable gets a button; clicking it sorts the rows by that column
// (numbers by value, text by locale order), toggling ascending/descending, and sets aria-sort on the th.

/** Compares two cell sort keys: numerically when both are numbers, else as text (case-insensitive). */
export function compareKeys(a, b) {
  const x = a.trim();
  const y = b.trim();
  const nx = Number(x);
  const ny = Number(y);
  if (x !== '' && y !== '' && !Number.isNaN(nx) && !Number.isNaN(ny)) {
    return nx - ny;
  }
  return x.localeCompare(y, undefined, { sensitivity: 'base', numeric: true });
}

/**
 * Returns the rows ordered by column `index`; `keyOf(row, index)` gives a row's key. Stable: equal keys keep
 * their order, so sorting by one column then another gives a predictable result.
 */
export function sortRows(rows, index, direction, keyOf) {
  const sign = direction === 'descending' ? -1 : 1;
  return rows
    .map((row, position) => ({ row, position, key: keyOf(row, index) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key) || a.position - b.position)
    .map((entry) => entry.row);
}

/** The direction after a click: ascending first, then toggling. */
export function nextDirection(current) {
  return current === 'ascending' ? 'descending' : 'ascending';
}

function cellKey(row, index) {
  const cell = row.cells[index];
  if (!cell) return '';
  return cell.dataset.sort ?? cell.textContent;
}

/** Turns the header cells of every table.sortable under root into sort buttons. */
export function enhanceSortableTables(root) {
  for (const table of root.querySelectorAll('table.sortable')) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, index) => {
      const button = table.ownerDocument.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', () => {
        const direction = nextDirection(th.getAttribute('aria-sort'));
        headers.forEach((other) => other.removeAttribute('aria-sort'));
        th.setAttribute('aria-sort', direction);
        const body = table.tBodies[0];
        const rows = [...body.rows].filter((row) => !row.classList.contains('empty'));
        for (const row of sortRows(rows, index, direction, cellKey)) {
          body.appendChild(row);
        }
      });
    });
  }
}
