import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, screenshot } from '../lib/browser.js';
import { consoleErrors, demoFolder } from '../lib/demo.js';
import { freePort, startPortolan } from '../lib/portolan.js';

const BROKEN_KEY = 'status:HTTPRoute/default/echo:parent default/example-gateway:ResolvedRefs';

test('breaking a route on disk shows the problem live, highlighted, without a reload; fixing it clears it', { timeout: 120_000 }, async () => {
  const manifests = demoFolder();
  const routes = join(manifests, '20-routes.yaml');
  const original = readFileSync(routes, 'utf8');
  let portolan;
  let browser;
  try {
    browser = await launchChromium();
    portolan = await startPortolan({ name: 'live-overview', port: await freePort(), manifests });
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${portolan.baseUrl}/`);
    await page.waitForSelector('html[data-live-connected="true"]');
    await page.evaluate(() => { window.__portolanPageId = 'first-load'; });
    const versionBefore = await page.textContent('header [data-live="configVersion"]');
    assert.match(await page.textContent('.overview-problems'), /No problems/);

    // the echo route's backend becomes a Service that does not exist
    const broken = original.replace(/backendRefs:\n(\s+)- name: echo\n/, 'backendRefs:\n$1- name: echo-gone\n');
    assert.notEqual(broken, original, 'the demo route changed shape: update this test');
    writeFileSync(routes, broken);

    const row = page.locator(`[data-key="${BROKEN_KEY}"]`);
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.textContent(), /echo-gone/);
    assert.equal(await row.locator('a').getAttribute('href'), '/ui/httproutes/default/echo');
    assert.ok(await row.evaluate((el) => el.classList.contains('live-changed')), 'the new problem is highlighted');
    assert.equal(await page.evaluate(() => window.__portolanPageId), 'first-load', 'the page was not reloaded');
    await page.waitForFunction((before) => document.querySelector('header [data-live="configVersion"]').textContent !== before,
      versionBefore, { timeout: 10_000 });
    await screenshot(page, 'live-overview-broken');

    writeFileSync(routes, original);
    await page.locator('[data-key="no-problems"]').waitFor({ timeout: 20_000 });
    assert.equal(await row.count(), 0);
    assert.equal(await page.evaluate(() => window.__portolanPageId), 'first-load', 'the page was not reloaded');
    await screenshot(page, 'live-overview-fixed');
    assert.deepEqual(errors.list(), []);
  } finally {
    await browser?.close();
    await portolan?.stop();
    rmSync(manifests, { recursive: true, force: true });
  }
});
