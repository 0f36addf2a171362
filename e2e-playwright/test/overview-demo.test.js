import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchChromium, screenshot } from '../lib/browser.js';
import { consoleErrors, demoFolder } from '../lib/demo.js';
import { freePort, startPortolan } from '../lib/portolan.js';

let manifests;
let portolan;
let browser;

before(async () => {
  manifests = demoFolder();
  browser = await launchChromium();
  portolan = await startPortolan({ name: 'overview-demo', port: await freePort(), manifests });
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await portolan?.stop();
  rmSync(manifests, { recursive: true, force: true });
});

test('the overview shows the demo counts, no problems, the Gateways and the proxy sockets, without console errors', { timeout: 60_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = consoleErrors(page);
  const response = await page.goto(`${portolan.baseUrl}/`);
  assert.equal(response.status(), 200);
  assert.equal(await page.textContent('h1'), 'Overview');
  assert.match(await page.textContent('.overview-problems'), /No problems/);
  assert.equal(await page.textContent('[data-key="count:HTTPRoute"] dd'), '6');
  assert.equal(await page.textContent('[data-key="count:Gateway"] dd'), '2');
  assert.equal(await page.getAttribute('.overview-gateways a[href="/ui/gateways/default/example-gateway"]', 'href'),
    '/ui/gateways/default/example-gateway');
  assert.equal(await page.getAttribute('[data-key="gateway:default/example-gateway:Accepted"]', 'title'), 'True Accepted');
  const socket = await page.textContent('[data-key="socket:default/example-gateway:http"]');
  assert.match(socket, /127\.0\.0\.10/);
  assert.match(socket, /24080/);
  assert.match(socket, /open/);
  // live.js connected to the event stream
  await page.waitForSelector('html[data-live-connected="true"]');
  await screenshot(page, 'overview-demo');
  assert.deepEqual(errors.list(), []);
  await page.close();
});

test('every overview link is reachable with Tab', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  await page.goto(`${portolan.baseUrl}/`);
  const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length > 10, `expected navigation and content links, got ${links}`);
  const reached = new Set();
  for (let i = 0; i < links.length + 10; i += 1) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    if (href) reached.add(href);
  }
  for (const href of links) assert.ok(reached.has(href), `${href} not reached with Tab (reached ${[...reached]})`);
  await page.close();
});

test('the overview at 390 px width has no horizontal overflow', { timeout: 60_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${portolan.baseUrl}/`);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(widths.scroll <= widths.client, `page is ${widths.scroll} px wide in a ${widths.client} px viewport`);
  await screenshot(page, 'overview-390');
  await page.close();
});
