// Launches the Chromium installed by apt through playwright-core; never downloads a browser.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { paths } from './portolan.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
];

export async function launchChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}. Install it with `
      + '`apt-get install -y chromium` (./portolan test does this), or set CHROMIUM_PATH.');
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args });
}

/** Saves a full-page screenshot as target/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  const dir = join(paths.target, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
