// Long unbroken values in table cells (policy references like TimeoutPolicy.gateway.portolan.dev/ns/name,
// long hostnames) would force a table wider than the page. This marks where they may wrap, after "/", "." and
// ",", with <wbr> elements, which copying ignores; short values and names (links) are left alone.

/** Tokens longer than this get break points. */
export const LONG_TOKEN = 24;

/** The pieces of `text` to put a <wbr> between, or null when no token is long enough to need one. */
export function softBreakPieces(text) {
  if (!text.split(/\s+/).some((token) => token.length > LONG_TOKEN)) return null;
  const pieces = text.split(/(?<=[/.,])(?=\S)/);
  return pieces.length > 1 ? pieces : null;
}

/** Adds <wbr> to the long values of every data table's cells (not inside links or <time>). */
export function enhanceSoftBreaks(root) {
  for (const cell of root.querySelectorAll('table.data td')) {
    const walker = cell.ownerDocument.createTreeWalker(cell, 4 /* NodeFilter.SHOW_TEXT */);
    const texts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest('a, time, code, pre')) texts.push(node);
    }
    for (const text of texts) {
      const pieces = softBreakPieces(text.nodeValue);
      if (!pieces) continue;
      const fragment = cell.ownerDocument.createDocumentFragment();
      pieces.forEach((piece, i) => {
        if (i > 0) fragment.appendChild(cell.ownerDocument.createElement('wbr'));
        fragment.appendChild(cell.ownerDocument.createTextNode(piece));
      });
      text.replaceWith(fragment);
    }
  }
}
