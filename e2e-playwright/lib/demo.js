// Helpers for dashboard tests on the announcement's demo manifests.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A temp copy of deploy/examples/demo that a test may edit. */
export function demoFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'portolan-demo-'));
  cpSync(join(repoRoot, 'deploy/examples/demo'), folder, { recursive: true });
  return folder;
}

/** Collects console errors and page errors; call .list() at the end. */
export function consoleErrors(page) {
  const errors = [];
  page.on('console', (message) => {
    // the layout has no icon; the browser's own favicon request is not the page's error
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { list: () => errors };
}
