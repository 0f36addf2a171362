import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from '../lib/browser.js';
import { startDemo } from '../lib/pages.js';

let demo;
before(async () => { demo = await startDemo('pages-details'); }, { timeout: 120_000 });
after(async () => {
  await demo?.stop();
});

/** Rows of a table as arrays of trimmed cell texts. */
async function rows(page, selector) {
  return page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
}

test('a Gateway page shows listeners, addresses and the infrastructure label', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/gateways/default/hello-world');
  assert.equal(await page.title(), 'Gateway default/hello-world · Portolan');
  assert.equal(await page.textContent('dd.addresses'), '127.0.0.11');
  const listeners = await rows(page, 'table.listeners');
  assert.equal(listeners.length, 1);
  assert.equal(listeners[0][0], 'http');
  assert.equal(listeners[0][1], 'HTTP');
  assert.match(listeners[0][4], /^1\s+default\/echo$/);
  assert.match(await page.textContent('.infrastructure'), /app\.kubernetes\.io\/name=hello-world/);
  const accepted = page.locator('table.listeners .badge', { hasText: 'Accepted' });
  assert.equal(await accepted.getAttribute('title'), 'Accepted: Listener is valid');
  assert.ok(await page.locator('a[href="/ui/gatewayclasses/portolan"]').count() > 0);
  await screenshot(page, 'pages-detail-gateway');
  assert.deepEqual(demo.problems, []);
});

test('HTTPRoute pages show effective timeouts with their source', { timeout: 30_000 }, async () => {
  const timeout = await demo.open('/ui/httproutes/default/timeout-example');
  const t = await rows(timeout, 'table.timeouts');
  assert.deepEqual(t.map((r) => r.slice(0, 4)), [
    ['default/example-gateway', '0', 'request', '10s'],
    ['default/example-gateway', '0', 'backendRequest', '2s'],
  ]);
  assert.match(t[0][4], /spec\.rules\[0\]\.timeouts\.request/);
  assert.match(await timeout.textContent('table.rules'), /PathPrefix \/timeout/);
  await screenshot(timeout, 'pages-detail-httproute-timeout-example');

  const echo = await demo.open('/ui/httproutes/default/echo');
  const row = (await rows(echo, 'table.timeouts'))
    .find((r) => r[0] === 'default/hello-world' && r[2] === 'backendRequest');
  assert.equal(row[3], '5s');
  assert.match(row[4], /hello-world-cap spec\.override\.backendRequest/);
  await echo.click('table.timeouts a[href="/ui/policies/TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap"]');
  await echo.waitForURL('**/hello-world-cap');
  assert.match(await echo.textContent('h1'), /hello-world-cap/);
  await screenshot(echo, 'pages-detail-policy-hello-world-cap');
  assert.deepEqual(demo.problems, []);
});

test('a backend page shows backend TLS for auth-service', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/backends/default/auth-service');
  const tls = await rows(page, 'table.backend-tls');
  assert.equal(tls.length, 1);
  assert.equal(tls[0][2], 'auth.example.com', 'SNI');
  assert.match(tls[0][3], /ConfigMap default\/auth-cert key ca\.crt/);
  assert.ok(await page.locator('a[href="/ui/httproutes/default/auth"]').count() > 0, 'the referring route');
  await screenshot(page, 'pages-detail-backend-auth-service');
  assert.deepEqual(demo.problems, []);
});

test('the policies page lists TimeoutPolicies and BackendTLSPolicies', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/policies');
  const kinds = (await rows(page, 'table.sortable')).map((r) => `${r[2]} ${r[1]}`);
  assert.deepEqual(kinds, [
    'TimeoutPolicy.gateway.portolan.dev class-defaults',
    'TimeoutPolicy.gateway.portolan.dev hello-world-cap',
    'BackendTLSPolicy.gateway.networking.k8s.io tls-upstream-auth',
    'BackendTLSPolicy.gateway.networking.k8s.io tls-upstream-dev',
  ]);
  await page.click('a[href="/ui/policies/BackendTLSPolicy.gateway.networking.k8s.io/default/tls-upstream-auth"]');
  await page.waitForURL('**/tls-upstream-auth');
  assert.ok(await page.locator('a[href="/ui/backends/default/auth-service"]').count() > 0, 'target link');
  await screenshot(page, 'pages-detail-policy-tls-upstream-auth');
  assert.deepEqual(demo.problems, []);
});

test('the copy button copies the YAML', { timeout: 30_000 }, async () => {
  const origin = demo.baseUrl;
  const page = await demo.open('/ui/gateways/default/example-gateway',
    { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.click('button.copy');
  await page.waitForFunction(() => document.querySelector('.copy-status').textContent === 'Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.textContent('#object-yaml'));
  assert.match(copied, /kind: Gateway\n/);
  assert.match(copied, /name: example-gateway/);
  await screenshot(page, 'pages-detail-gateway-copied');
  assert.deepEqual(demo.problems, []);
});

test('an unknown object is an HTML 404 page with a link back', { timeout: 30_000 }, async () => {
  const page = await demo.open(null);
  const response = await page.goto(`${demo.baseUrl}/ui/httproutes/default/nope`);
  assert.equal(response.status(), 404);
  assert.match(response.headers()['content-type'], /^text\/html/);
  assert.equal(await page.textContent('h1'), 'Not found');
  assert.match(await page.textContent('main'), /HTTPRoute\/default\/nope does not exist/);
  await screenshot(page, 'pages-not-found');
  await page.click('main a[href="/ui/httproutes"]');
  await page.waitForURL('**/ui/httproutes');
  assert.deepEqual(demo.problems, []);
});

test('detail pages render without JavaScript', { timeout: 30_000 }, async () => {
  const page = await demo.open(null, { javaScriptEnabled: false });
  await page.goto(`${demo.baseUrl}/ui/httproutes/default/timeout-example`);
  assert.match(await page.textContent('table.timeouts'), /10s/);
  assert.match(await page.textContent('#object-yaml'), /timeouts:/);
});
