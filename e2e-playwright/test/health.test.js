import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { launchChromium, screenshot } from '../lib/browser.js';
import { freePort, manifestFolder, startPortolan } from '../lib/portolan.js';

test('the health page of an embedded Portolan shows UP in Chromium', { timeout: 120_000 }, async () => {
  const manifests = manifestFolder(await freePort());
  let portolan;
  let browser;
  try {
    browser = await launchChromium();
    portolan = await startPortolan({ name: 'health', port: await freePort(), manifests });
    const page = await browser.newPage();

    const response = await page.goto(`${portolan.baseUrl}/health`);
    assert.equal(response.status(), 200);
    const text = await page.textContent('body');
    assert.match(text, /"status"\s*:\s*"UP"/, `page shows: ${text}`);

    const file = await screenshot(page, 'health');
    assert.ok(existsSync(file), `screenshot ${file} was not written`);
  } finally {
    await browser?.close();
    await portolan?.stop();
    rmSync(manifests, { recursive: true, force: true });
  }
});
