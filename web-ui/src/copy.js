// Copy buttons: <button class="copy" data-copy-target="ID"> copies the text of #ID, with the asynchronous
// clipboard API when the page may use it, else a hidden textarea and execCommand('copy').

/** Copies text; resolves to 'clipboard' or 'fallback' (which way worked), rejects when neither did. */
export async function copyText(text, { clipboard, document: doc }) {
  if (clipboard && typeof clipboard.writeText === 'function') {
    try {
      await clipboard.writeText(text);
      return 'clipboard';
    } catch {
      // permission denied or not a secure context: try the fallback
    }
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  area.select();
  const ok = doc.execCommand('copy');
  area.remove();
  if (!ok) {
    throw new Error('copy failed');
  }
  return 'fallback';
}

export function enhanceCopyButtons(doc) {
  for (const button of doc.querySelectorAll('button.copy[data-copy-target]')) {
    const status = button.parentElement.querySelector('.copy-status');
    button.addEventListener('click', async () => {
      const source = doc.getElementById(button.dataset.copyTarget);
      let message;
      try {
        const how = await copyText(source.textContent, { clipboard: navigator.clipboard, document: doc });
        button.dataset.copied = how;
        message = 'Copied';
      } catch {
        message = 'Copy failed: select the text and copy it by hand';
      }
      if (status) status.textContent = message;
    });
  }
}
