// Issue 15, point 5: forms laid out as forms, tables that fit 1280 px, one version story and the routes with their
// effective timeouts on the overview, empty sections that say so, one list of links, neutral healthy negatives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchChromium, screenshot } from '../lib/browser.js';
import { freePort, startPortolan } from '../lib/portolan.js';
import { demoFolder, watchedPage } from '../lib/tools.js';

let browser;
let portolan;
let manifests;

before(async () => {
  manifests = demoFolder();
  browser = await launchChromium();
  portolan = await startPortolan({ name: 'dashboard-layout', port: await freePort(), manifests });
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await portolan?.stop();
  rmSync(manifests, { recursive: true, force: true });
});

async function open(path) {
  const { page, errors } = await watchedPage(browser);
  await page.goto(`${portolan.baseUrl}${path}`);
  return { page, errors };
}

test('the overview tells one version story: the config the proxy serves and that it is current', { timeout: 60_000 }, async () => {
  const { page, errors } = await open('/');
  const story = page.locator('.version-story');
  assert.equal(await story.getAttribute('data-state'), 'current');
  const header = (await page.textContent('header [data-live="configVersion"]')).trim();
  const text = await story.textContent();
  assert.match(text, new RegExp(`serves config ${header}, the current one`));
  const main = await page.textContent('main');
  for (const gone of ['store revision', 'Serving config version', 'config version']) {
    assert.ok(!main.includes(gone), `"${gone}" is no longer on the overview`);
  }
  assert.ok(!(await page.textContent('footer')).includes('snapshot'), 'the footer has no second number');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the overview lists each route with its effective timeouts and where they come from', { timeout: 60_000 }, async () => {
  const { page, errors } = await open('/');
  const row = (route, gateway) => page.locator(`tr[data-route="${route}"][data-gateway="${gateway}"]`);
  const own = row('default/timeout-example', 'default/example-gateway');
  assert.equal(await own.locator('[data-field="request"] .value').textContent(), '10s');
  assert.equal(await own.locator('[data-field="backendRequest"] .value').textContent(), '2s');
  assert.match(await own.locator('[data-field="backendRequest"] .source').textContent(), /timeout-example spec\.rules\[0\]\.timeouts\.backendRequest/);
  const capped = row('default/echo', 'default/hello-world');
  assert.equal(await capped.locator('[data-field="backendRequest"] .value').textContent(), '5s');
  assert.match(await capped.locator('[data-field="backendRequest"] .source').textContent(), /hello-world-cap spec\.override/);
  const inherited = row('default/auth', 'default/example-gateway');
  assert.equal(await inherited.locator('[data-field="request"] .value').textContent(), '30s');
  assert.match(await inherited.locator('[data-field="request"] .source').textContent(), /class-defaults/);
  assert.equal(await page.locator('.route-timeouts tbody tr').count(), 7, 'six routes, echo on two Gateways');
  assert.deepEqual(errors, []);
  await page.close();

  // what the README promises: `curl -s localhost:8080/` lists each effective timeout with its source
  const body = await (await fetch(`${portolan.baseUrl}/`, { headers: { Accept: '*/*' } })).text();
  assert.match(body, /hello-world-cap spec\.override\.backendRequest/);
  assert.match(body, /timeout-example spec\.rules\[0\]\.timeouts\.request/);
});

test('apply and trace are forms: labels above full-width fields, a full-width YAML editor', { timeout: 60_000 }, async () => {
  const { page: apply, errors } = await open('/ui/apply');
  const form = await apply.locator('.apply-form').boundingBox();
  const textarea = await apply.locator('textarea[name="yaml"]').boundingBox();
  assert.ok(textarea.width >= form.width * 0.9, `editor ${textarea.width} px of a ${form.width} px form`);
  assert.ok(textarea.height >= 250, `editor height ${textarea.height}`);
  const labelBottom = await apply.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('textarea[name="yaml"]').parentElement.firstChild);
    return range.getBoundingClientRect().bottom;
  });
  assert.ok(labelBottom <= textarea.y + 1, `the label (bottom ${labelBottom}) is above its editor (top ${textarea.y})`);
  assert.equal(await apply.evaluate(() => getComputedStyle(document.querySelector('textarea')).fontFamily.includes('mono')), true);
  await screenshot(apply, 'layout-apply');
  await apply.close();

  const { page: trace, errors: traceErrors } = await open('/ui/trace');
  const traceForm = await trace.locator('.trace-form').boundingBox();
  const headers = await trace.locator('textarea[name="headers"]').boundingBox();
  assert.ok(headers.width >= traceForm.width * 0.9, `headers editor ${headers.width} px of ${traceForm.width}`);
  for (const name of ['port', 'host', 'path', 'method']) {
    const field = trace.locator(`input[name="${name}"]`);
    const box = await field.boundingBox();
    const labelBox = await field.locator('xpath=..').boundingBox();
    assert.ok(box.y > labelBox.y + 8, `${name}: the label text is above the field`);
    // the placeholder fits: its text is narrower than the field
    const fits = await field.evaluate((input) => {
      const context = document.createElement('canvas').getContext('2d');
      context.font = getComputedStyle(input).font;
      return context.measureText(input.placeholder || input.value).width <= input.clientWidth - 8;
    });
    assert.ok(fits, `${name}: placeholder or value not clipped`);
  }
  const gateway = trace.locator('select[name="gateway"]');
  assert.ok(await gateway.evaluate((select) => select.scrollWidth <= select.clientWidth + 1), 'Gateway select shows its name');
  await screenshot(trace, 'layout-trace');
  assert.deepEqual([...errors, ...traceErrors], []);
  await trace.close();
});

test('every table fits 1280 px with names whole, on lists, the overview and detail pages', { timeout: 90_000 }, async () => {
  const paths = ['/', '/ui/gatewayclasses', '/ui/gateways', '/ui/httproutes', '/ui/backends', '/ui/policies',
    '/ui/policycrds', '/ui/referencegrants', '/ui/gateways/default/example-gateway',
    '/ui/httproutes/default/timeout-example', '/ui/backends/default/auth-service'];
  for (const path of paths) {
    const { page, errors } = await open(path);
    const report = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tables: [...document.querySelectorAll('.table-scroll')].map((box) => box.scrollWidth - box.clientWidth),
      scrollable: [...document.querySelectorAll('.table-scroll')].map((box) => ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)),
      // object names stay whole; lists of policy links in a cell are sentences and wrap at spaces
      wrapped: [...document.querySelectorAll('table.data td a:not(.cell-links a), table.data th a')]
        .filter((a) => a.getClientRects().length > 1 || a.getBoundingClientRect().height > 30).map((a) => a.textContent),
    }));
    assert.ok(report.page <= 0, `${path}: the page scrolls sideways by ${report.page} px`);
    // A list with its policy and timeout columns may scroll inside its own box (never cut, never the page); the
    // overview's and detail pages' tables fit.
    const isList = /^\/ui\/[a-z]+$/.test(path);
    report.tables.forEach((over, i) => assert.ok(isList ? report.scrollable[i] : over <= 1,
      `${path}: table ${i} is ${over} px wider than the page${isList ? ' and its box does not scroll' : ''}`));
    assert.deepEqual(report.wrapped, [], `${path}: names broken across lines`);
    if (path === '/ui/gateways') await screenshot(page, 'layout-gateways-1280');
    assert.deepEqual(errors, [], path);
    await page.close();
  }
});

test('a Gateway page: empty sections say none, one list of links, a filled Gateway column, a neutral Conflicted', { timeout: 60_000 }, async () => {
  const { page, errors } = await open('/ui/gateways/default/example-gateway');
  const infrastructure = await page.textContent('.infrastructure');
  assert.match(infrastructure, /Labels\s+None\./);
  assert.match(infrastructure, /Annotations\s+None\./);
  const scopes = await page.$$eval('table.effective tbody tr td:first-child', (cells) => cells.map((c) => c.textContent.trim()));
  assert.ok(scopes.length > 0);
  assert.ok(scopes.every((scope) => scope === 'default/example-gateway'), `Gateway column: ${scopes}`);
  const related = await page.$$eval('section[aria-labelledby="h-related-objects"] a', (links) => links.map((a) => a.getAttribute('href')));
  const links = await page.$$eval('section[aria-labelledby="h-links"] a', (found) => found.map((a) => a.getAttribute('href')));
  assert.equal(related.length, 12);
  assert.deepEqual(links.filter((href) => related.includes(href)), [], 'no object is listed twice');
  const conflicted = page.locator('table.listeners .badge', { hasText: 'Conflicted' });
  assert.match(await conflicted.getAttribute('class'), /status-neutral/);
  const colours = await conflicted.evaluate((badge) => getComputedStyle(badge).backgroundColor);
  const accepted = await page.locator('table.listeners .badge', { hasText: 'Accepted' }).evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(colours, accepted, 'Conflicted False is not drawn like a healthy positive');
  await screenshot(page, 'layout-gateway-detail');
  assert.deepEqual(errors, []);
  await page.close();
});
