import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchChromium, screenshot } from '../lib/browser.js';
import { freePort, startPortolan } from '../lib/portolan.js';
import { demoFolder, watchedPage } from '../lib/tools.js';

const TOKEN = 'e2e-write-token';
let browser;
let portolan;
let manifests;

before(async () => {
  manifests = demoFolder();
  browser = await launchChromium();
  portolan = await startPortolan({ name: 'tools-trace-apply', port: await freePort(), manifests,
    extraArgs: [`-Dportolan.api.write-token=${TOKEN}`] });
});

after(async () => {
  await browser?.close();
  await portolan?.stop();
  rmSync(manifests, { recursive: true, force: true });
});

async function trace(page, { gateway = 'default/example-gateway', host = '', path = '/', method = 'GET' }) {
  await page.goto(`${portolan.baseUrl}/ui/trace`);
  await page.selectOption('select[name="gateway"]', gateway);
  await page.fill('input[name="host"]', host);
  await page.fill('input[name="path"]', path);
  await page.fill('input[name="method"]', method);
  await page.click('.trace-form button[type="submit"]');
  await page.waitForSelector('[data-trace-result] .trace-outcome');
}

const ROUTE = (name, service) => ['apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata:',
  `  name: ${name}`, '  namespace: default', 'spec:', '  parentRefs:', '  - name: example-gateway', '  hostnames:',
  `  - ${name}.example.com`, '  rules:', '  - backendRefs:', `    - name: ${service}`, '      port: 8080', ''].join('\n');

test('tracing Host auth.example.com shows route default/auth and backend TLS with SNI', { timeout: 60_000 }, async () => {
  const { page, errors } = await watchedPage(browser);
  await trace(page, { host: 'auth.example.com' });
  const result = await page.textContent('[data-trace-result]');
  assert.match(await page.textContent('.trace-route'), /default\/auth/);
  assert.match(await page.textContent('.trace-backends'), /default\/auth-service/);
  assert.equal(await page.textContent('.trace-tls strong'), 'auth.example.com');
  assert.match(result, /Listener: http/);
  assert.match(await page.textContent('.trace-config-version'), /^[0-9a-f]{16}$/);
  // rendered in place by the script, and the URL now reproduces it without JS
  assert.match(page.url(), /\/ui\/trace\?.*host=auth\.example\.com/);
  await screenshot(page, 'tools-trace-auth');
  assert.deepEqual(errors, []);
  await page.close();
});

test('tracing /timeout shows 10s and 2s from the rule, also without JavaScript', { timeout: 60_000 }, async () => {
  const { page, errors } = await watchedPage(browser);
  await trace(page, { path: '/timeout' });
  assert.match(await page.textContent('[data-timeout="request"]'), /10s from HTTPRoute default\/timeout-example spec\.rules\[0\]\.timeouts\.request/);
  assert.match(await page.textContent('[data-timeout="backendRequest"]'), /2s from HTTPRoute default\/timeout-example/);
  await page.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`${portolan.baseUrl}/ui/trace?gateway=default%2Fexample-gateway&path=%2Ftimeout&host=`);
  assert.match(await plain.textContent('[data-timeout="backendRequest"]'), /2s/);
  assert.match(await plain.textContent('.trace-route'), /default\/timeout-example/);
  await screenshot(plain, 'tools-trace-timeout-nojs');
  await context.close();
  assert.deepEqual(errors, []);
});

// In the demo, default/echo catches every other request on example-gateway, so the specific rules are the "why not".
test('a request only the catch-all matches explains why the specific rules did not match', { timeout: 60_000 }, async () => {
  const { page, errors } = await watchedPage(browser);
  await trace(page, { host: 'nothing.example.org', path: '/nope' });
  const misses = await page.textContent('.trace-misses');
  assert.match(misses, /default\/timeout-example rule 0 match 0: path '\/nope' does not match PathPrefix '\/timeout'/);
  assert.match(misses, /default\/chat/);
  await screenshot(page, 'tools-trace-why-not');
  assert.deepEqual(errors, []);
  await page.close();
});

test('apply page: dry run shows BackendNotFound, apply without token is 401, with token creates the route', { timeout: 90_000 }, async () => {
  const { page, errors } = await watchedPage(browser);
  await page.goto(`${portolan.baseUrl}/ui/apply`);
  await page.fill('textarea[name="yaml"]', ROUTE('broken', 'missing-service'));
  await page.click('[data-action="apply"]');
  await page.waitForSelector('.apply-problem');
  assert.equal(await page.getAttribute('.apply-problem', 'data-status'), '401');
  assert.match(await page.textContent('.apply-problem'), /Unauthorized/);
  await screenshot(page, 'tools-apply-401');

  await page.fill('input[name="token"]', TOKEN);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('portolan.writeToken')), TOKEN);
  await page.click('[data-action="analyze"]');
  await page.waitForSelector('.apply-issuesIntroduced');
  assert.match(await page.textContent('.apply-issuesIntroduced'), /BackendNotFound/);
  assert.match(await page.textContent('.apply-changes'), /HTTPRoute\/default\/broken/);
  await screenshot(page, 'tools-apply-dry-run');

  await page.fill('textarea[name="yaml"]', ROUTE('added', 'echo'));
  await page.click('[data-action="apply"]');
  await page.waitForSelector('.apply-objects');
  assert.match(await page.textContent('.apply-objects'), /HTTPRoute\/default\/added.*created/);
  await screenshot(page, 'tools-apply-created');
  const routes = await (await fetch(`${portolan.baseUrl}/api/v1/httproutes`)).json();
  assert.ok(JSON.stringify(routes).includes('"added"'), 'the new route is listed');
  assert.deepEqual(errors.filter((e) => !e.includes('401')), []);
  await page.close();
});

test('the apply page explains the curl commands without JavaScript', { timeout: 60_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${portolan.baseUrl}/ui/apply`);
  assert.match(await page.content(), /curl -X POST -H 'Authorization: Bearer TOKEN'/);
  await screenshot(page, 'tools-apply-nojs');
  await context.close();
});
