import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from '../lib/browser.js';
import { startDemo } from '../lib/pages.js';

let demo;
before(async () => { demo = await startDemo('pages-lists'); }, { timeout: 120_000 });
after(async () => {
  await demo?.stop();
});

/** The link texts of the Name column, in table order. */
async function names(page) {
  return page.$$eval('table.sortable tbody tr', (rows) => rows
    .map((row) => row.querySelector('a')?.textContent).filter(Boolean));
}

test('each list page renders its demo items', { timeout: 60_000 }, async () => {
  const expected = {
    gatewayclasses: ['portolan'],
    gateways: ['example-gateway', 'hello-world'],
    httproutes: ['auth', 'chat', 'dev', 'echo', 'store', 'timeout-example', 'shop'],
    backends: ['auth-service', 'chat', 'dev-service', 'echo', 'store', 'timeout-svc'],
    policies: ['class-defaults', 'hello-world-cap', 'tls-upstream-auth', 'tls-upstream-dev'],
    policycrds: ['timeoutpolicies.gateway.portolan.dev'],
  };
  for (const [plural, items] of Object.entries(expected)) {
    const page = await demo.open(`/ui/${plural}`);
    assert.equal(await page.getAttribute(`nav[aria-label="Main"] a[href="/ui/${plural}"]`, 'aria-current'), 'page');
    assert.deepEqual((await names(page)).sort(), [...items].sort(), plural);
    await screenshot(page, `pages-list-${plural}`);
  }
  const grants = await demo.open('/ui/referencegrants');
  assert.match(await grants.textContent('table.sortable tbody'), /Nothing matches/);
  await screenshot(grants, 'pages-list-referencegrants');
  assert.deepEqual(demo.problems, []);
});

test('status is a coloured badge with its meaning on hover, and rows link to detail pages', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/gateways');
  const badge = page.locator('tbody tr').first().locator('.badge');
  assert.equal(await badge.textContent(), 'True');
  assert.equal(await badge.getAttribute('title'), 'Programmed: True');
  assert.match(await badge.getAttribute('class'), /status-true/);
  await page.click('a[href="/ui/gateways/default/hello-world"]');
  await page.waitForURL('**/ui/gateways/default/hello-world');
  assert.match(await page.textContent('h1'), /hello-world/);
  assert.deepEqual(demo.problems, []);
});

test('the namespace picker and the text search narrow the list (plain GET form)', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/httproutes');
  await page.selectOption('#filter-namespace', 'team-b');
  await Promise.all([page.waitForURL('**namespace=team-b**'), page.click('form.filters button[type="submit"]')]);
  assert.deepEqual(await names(page), ['shop']);
  await screenshot(page, 'pages-list-httproutes-team-b');

  await page.selectOption('#filter-namespace', '');
  await page.fill('#filter-q', 'example.com');
  await Promise.all([page.waitForURL('**q=example.com**'), page.press('#filter-q', 'Enter')]);
  assert.deepEqual(await names(page), ['auth', 'dev', 'store'], 'routes whose hostnames contain example.com');
  assert.match((await page.textContent('p.count')).replace(/\s+/g, ' '), /3 shown of 7 on this page/);

  const labelled = await demo.open('/ui/httproutes?labelSelector=tier%3Dweb');
  assert.deepEqual(await names(labelled), ['shop']);
  assert.deepEqual(demo.problems, []);
});

test('paging follows the API continue token', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/backends?limit=4');
  assert.deepEqual(await names(page), ['auth-service', 'chat', 'dev-service', 'echo']);
  await Promise.all([page.waitForURL('**continue=**'), page.click('a[rel="next"]')]);
  assert.deepEqual(await names(page), ['store', 'timeout-svc']);
  assert.deepEqual(demo.problems, []);
});

test('clicking a column header sorts the rows and sets aria-sort; the keyboard works too', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/httproutes?namespace=default');
  const before = await names(page);
  assert.deepEqual(before, ['auth', 'chat', 'dev', 'echo', 'store', 'timeout-example']);
  const nameHeader = page.locator('thead th', { has: page.locator('button', { hasText: /^Name$/ }) });
  await nameHeader.locator('button').click();
  assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
  await nameHeader.locator('button').click();
  assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');
  assert.deepEqual(await names(page), [...before].reverse());

  const hostHeader = page.locator('thead th', { has: page.locator('button', { hasText: 'Hostnames' }) });
  await hostHeader.locator('button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await hostHeader.getAttribute('aria-sort'), 'ascending');
  assert.equal(await nameHeader.getAttribute('aria-sort'), null, 'only one column is sorted');
  // routes without hostnames sort first and keep the previous (name descending) order: the sort is stable
  assert.deepEqual(await names(page), ['timeout-example', 'echo', 'chat', 'auth', 'dev', 'store']);
  await screenshot(page, 'pages-list-httproutes-sorted');
  assert.deepEqual(demo.problems, []);
});

test('at 390 px the body does not overflow sideways; tables scroll in their box', { timeout: 30_000 }, async () => {
  for (const path of ['/ui/httproutes', '/ui/gateways/default/hello-world', '/ui/httproutes/default/echo']) {
    const page = await demo.open(path, { viewport: { width: 390, height: 844 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
    await screenshot(page, `pages-phone-${path.replaceAll('/', '_')}`);
  }
  assert.deepEqual(demo.problems, []);
});

test('keyboard: Tab reaches the skip link first, then the main navigation', { timeout: 30_000 }, async () => {
  const page = await demo.open('/ui/gateways');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
  const focused = [];
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press('Tab');
    focused.push(await page.evaluate(() => document.activeElement.getAttribute('href')));
  }
  assert.deepEqual(focused, ['/', '/', '/ui/gatewayclasses', '/ui/gateways']);
  assert.equal(await page.evaluate(() => document.activeElement.closest('nav')?.getAttribute('aria-label')), 'Main');
  assert.deepEqual(demo.problems, []);
});
