import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, screenshot } from '../lib/browser.js';
import { consoleErrors, demoFolder } from '../lib/demo.js';
import { freePort, startPortolan } from '../lib/portolan.js';

test('a manifest with a bad field type shows its file, line, field and reason first on the overview', { timeout: 120_000 }, async () => {
  const manifests = demoFolder();
  writeFileSync(join(manifests, 'broken.yaml'), [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    '  namespace: default',
    'spec:',
    '  ports:',
    '  - port: not-a-number',
    '',
  ].join('\n'));
  let portolan;
  let browser;
  try {
    browser = await launchChromium();
    portolan = await startPortolan({ name: 'overview-broken', port: await freePort(), manifests });
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${portolan.baseUrl}/`);
    const problem = page.locator('.problem-load');
    assert.equal(await problem.count(), 1);
    assert.equal(await problem.locator('.file').textContent(), 'broken.yaml');
    assert.equal(await problem.locator('.line').textContent(), '8');
    assert.equal(await problem.locator('.field').textContent(), 'spec.ports[0].port');
    assert.match(await problem.locator('.reason').textContent(), /\S/);
    assert.equal(await problem.locator('.badge').textContent(), 'Load error');
    assert.doesNotMatch(await page.textContent('.overview-problems'), /No problems/);
    await screenshot(page, 'overview-broken');
    assert.deepEqual(errors.list(), []);
  } finally {
    await browser?.close();
    await portolan?.stop();
    rmSync(manifests, { recursive: true, force: true });
  }
});
