import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, screenshot } from '../lib/browser.js';
import { freePort, manifestFolder, startPortolan } from '../lib/portolan.js';

// Until the dashboard exists, GET / is a JSON summary; a person opening it in a browser must see what was
// loaded and what is broken (file, line, field).
test('the summary at / shows the loaded Gateway and a broken manifest with its file and field', { timeout: 120_000 }, async () => {
  const manifests = manifestFolder(await freePort());
  writeFileSync(join(manifests, 'class.yaml'), [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: GatewayClass',
    'metadata:',
    '  name: portolan',
    'spec:',
    '  controllerName: portolan.dev/gateway-controller',
    '',
  ].join('\n'));
  writeFileSync(join(manifests, 'broken.yaml'), [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  ports:',
    '  - port: not-a-number',
    '',
  ].join('\n'));
  let portolan;
  let browser;
  try {
    browser = await launchChromium();
    portolan = await startPortolan({ name: 'summary', port: await freePort(), manifests });
    const page = await browser.newPage();

    const response = await page.goto(`${portolan.baseUrl}/api/v1/summary`);
    assert.equal(response.status(), 200);
    const summary = JSON.parse(await page.textContent('body'));
    assert.equal(summary.counts.Gateway, 1);
    assert.equal(summary.counts.GatewayClass, 1);
    assert.equal(summary.gateways[0].gateway, 'default/e2e');
    assert.equal(summary.gateways[0].conditions.Accepted, 'True Accepted');
    assert.equal(summary.loadProblems.length, 1, JSON.stringify(summary.loadProblems));
    const problem = summary.loadProblems[0];
    assert.equal(problem.file, 'broken.yaml');
    assert.equal(problem.field, 'spec.ports[0].port');
    assert.equal(problem.line, 7);

    await screenshot(page, 'summary');
  } finally {
    await browser?.close();
    await portolan?.stop();
    rmSync(manifests, { recursive: true, force: true });
  }
});
