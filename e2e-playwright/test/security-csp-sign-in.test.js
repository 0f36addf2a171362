import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchChromium, screenshot } from '../lib/browser.js';
import { freePort, startPortolan } from '../lib/portolan.js';
import { demoFolder, watchedPage } from '../lib/tools.js';

const TOKEN = 'e2e-sign-in-token';
let browser;
let portolan;
let manifests;

before(async () => {
  manifests = demoFolder();
  browser = await launchChromium();
  portolan = await startPortolan({ name: 'security-csp-sign-in', port: await freePort(), manifests,
    extraArgs: [`-Dportolan.api.write-token=${TOKEN}`] });
});

after(async () => {
  await browser?.close();
  await portolan?.stop();
  rmSync(manifests, { recursive: true, force: true });
});

const ROUTE = (name) => ['apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata:',
  `  name: ${name}`, '  namespace: default', 'spec:', '  parentRefs:', '  - name: example-gateway', '  rules:',
  '  - backendRefs:', '    - name: echo', '      port: 8080', ''].join('\n');

/** A page whose Content-Security-Policy violations (Chromium reports them on the console) are collected. */
async function cspWatchedPage() {
  const watched = await watchedPage(browser);
  const violations = [];
  watched.page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return { ...watched, violations };
}

test('no CSP violation on the overview, topology, trace and apply pages, and the detector works', { timeout: 90_000 }, async () => {
  const { page, errors, violations } = await cspWatchedPage();
  const overview = await page.goto(`${portolan.baseUrl}/`);
  assert.match(overview.headers()['content-security-policy'], /script-src 'self'; style-src 'self'/);
  assert.equal(overview.headers()['x-frame-options'], 'DENY');
  await page.waitForSelector('.site-header');

  await page.goto(`${portolan.baseUrl}/ui/topology`);
  await page.waitForSelector('[data-topology-canvas] svg .topology-node', { state: 'attached' });

  await page.goto(`${portolan.baseUrl}/ui/trace`);
  await page.fill('input[name="path"]', '/');
  await page.click('.trace-form button[type="submit"]');
  await page.waitForSelector('[data-trace-result] .trace-outcome');

  await page.goto(`${portolan.baseUrl}/ui/apply`);
  await page.fill('textarea[name="yaml"]', ROUTE('csp-dry-run'));
  await page.fill('input[name="token"]', TOKEN);
  await page.click('[data-action="analyze"]');
  await page.waitForSelector('.apply-changes');
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);

  // control: an inline script injected into the page is blocked and reported, so an empty list means something
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.head.append(script);
  });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.inlineRan), undefined, 'the inline script did not run');
  assert.ok(violations.length > 0, 'the violation was reported');
  await page.close();
});

test('Swagger UI at /api/docs renders under its own policy without a CSP violation', { timeout: 60_000 }, async () => {
  const { page, violations } = await cspWatchedPage();
  const docs = await page.goto(`${portolan.baseUrl}/api/docs`);
  assert.match(docs.headers()['content-security-policy'], /frame-ancestors 'none'/);
  await page.waitForSelector('.swagger-ui .info .title');
  await page.waitForSelector('.opblock');
  assert.deepEqual(violations, []);
  await page.close();
});

test('sign in once: the session cookie is HttpOnly and Strict, the apply page writes without a typed token, sign-out ends it', { timeout: 90_000 }, async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${portolan.baseUrl}/ui/sign-in?next=/ui/apply`);
  await page.fill('input[name="token"]', 'wrong-token');
  await page.click('.sign-in-form button[type="submit"]');
  assert.match(await page.textContent('.problem-message'), /not valid/);

  await page.fill('input[name="token"]', TOKEN);
  await page.click('.sign-in-form button[type="submit"]');
  await page.waitForURL(/\/ui\/apply$/);
  const session = (await context.cookies()).find((c) => c.name === 'portolan-session');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.ok(!(await page.evaluate(() => document.cookie)).includes('portolan-session'), 'scripts cannot read it');
  await screenshot(page, 'security-signed-in-apply');

  await page.fill('textarea[name="yaml"]', ROUTE('signed-in'));
  await page.click('[data-action="apply"]');
  await page.waitForSelector('.apply-objects');
  assert.match(await page.textContent('.apply-objects'), /HTTPRoute\/default\/signed-in.*created/);

  await page.goto(`${portolan.baseUrl}/ui/audit`);
  assert.match(await page.textContent('.audit-table'), /HTTPRoute\/default\/signed-in/);
  await screenshot(page, 'security-audit');

  await page.goto(`${portolan.baseUrl}/ui/sign-in`);
  await page.click('.sign-out-form button[type="submit"]');
  await page.waitForURL(/\/ui\/sign-in$/);
  await page.goto(`${portolan.baseUrl}/ui/apply`);
  await page.fill('textarea[name="yaml"]', ROUTE('signed-out'));
  await page.click('[data-action="apply"]');
  await page.waitForSelector('.apply-problem');
  assert.equal(await page.getAttribute('.apply-problem', 'data-status'), '401');
  assert.deepEqual(violations, []);
  await context.close();
});
