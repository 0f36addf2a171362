import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchChromium, screenshot } from '../lib/browser.js';
import { freePort, startPortolan } from '../lib/portolan.js';
import { demoFolder, generatedFolder, watchedPage } from '../lib/tools.js';

let browser;
let portolan;
let manifests;

before(async () => {
  manifests = demoFolder();
  browser = await launchChromium();
  portolan = await startPortolan({ name: 'tools-topology', port: await freePort(), manifests });
});

after(async () => {
  await browser?.close();
  await portolan?.stop();
  rmSync(manifests, { recursive: true, force: true });
});

async function openMap(path) {
  const { page, errors } = await watchedPage(browser);
  await page.goto(`${portolan.baseUrl}${path}`);
  await page.waitForSelector('[data-topology-canvas] svg .topology-node', { state: 'attached' });
  return { page, errors };
}

test('the topology map draws the demo objects and dashed policy edges', { timeout: 60_000 }, async () => {
  const { page, errors } = await openMap('/ui/topology');
  const ids = await page.$$eval('.topology-node', (nodes) => nodes.map((n) => n.dataset.id));
  for (const id of ['GatewayClass/portolan', 'Gateway/default/example-gateway', 'Gateway/default/hello-world',
    'HTTPRoute/default/auth', 'HTTPRoute/default/timeout-example', 'Service/default/auth-service',
    'BackendTLSPolicy/default/tls-upstream-auth', 'TimeoutPolicy/default/hello-world-cap']) {
    assert.ok(ids.includes(id), `${id} in ${ids}`);
  }
  const dashed = await page.$$eval('path[data-edge-type="policy"]', (paths) => paths.map((p) => p.getAttribute('stroke-dasharray')));
  assert.ok(dashed.length >= 3, `policy edges: ${dashed.length}`);
  assert.ok(dashed.every((d) => d && d.length > 0));
  // the no-JS list is rendered from the same graph
  assert.ok((await page.textContent('[data-topology-tree]')).includes('default/example-gateway'));
  await screenshot(page, 'tools-topology');
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicking a node opens its page; zoom buttons change the transform', { timeout: 60_000 }, async () => {
  const { page, errors } = await openMap('/ui/topology');
  const viewport = page.locator('.topology-viewport');
  const before = await viewport.getAttribute('transform');
  await page.click('[data-zoom="in"]');
  const zoomedIn = await viewport.getAttribute('transform');
  assert.notEqual(zoomedIn, before);
  await page.click('[data-zoom="out"]');
  await page.click('[data-zoom="out"]');
  assert.notEqual(await viewport.getAttribute('transform'), zoomedIn);
  await page.focus('[data-topology-canvas]');
  const beforeKey = await viewport.getAttribute('transform');
  await page.keyboard.press('+');
  assert.notEqual(await viewport.getAttribute('transform'), beforeKey);

  await page.click('[data-zoom="reset"]');
  await Promise.all([page.waitForURL('**/ui/httproutes/default/auth'),
    page.click('.topology-node[data-id="HTTPRoute/default/auth"]')]);
  assert.equal(new URL(page.url()).pathname, '/ui/httproutes/default/auth');
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await page.close();
});

test('the neighbourhood filter shows fewer nodes', { timeout: 60_000 }, async () => {
  const all = await openMap('/ui/topology');
  const total = await all.page.locator('.topology-node').count();
  await all.page.close();
  const { page, errors } = await openMap('/ui/topology?for=gateway/default/hello-world');
  const ids = await page.$$eval('.topology-node', (nodes) => nodes.map((n) => n.dataset.id));
  assert.ok(ids.length < total, `${ids.length} < ${total}`);
  assert.ok(ids.includes('Gateway/default/hello-world'));
  assert.ok(ids.includes('HTTPRoute/default/echo'));
  assert.ok(!ids.includes('HTTPRoute/default/auth'));
  assert.equal(await page.inputValue('input[name="for"]'), 'gateway/default/hello-world');
  await screenshot(page, 'tools-topology-neighbourhood');
  assert.deepEqual(errors, []);
  await page.close();
});

test('200 generated routes render without overlapping boxes', { timeout: 120_000 }, async () => {
  const folder = generatedFolder(8080, 200);
  const many = await startPortolan({ name: 'tools-topology-many', port: await freePort(), manifests: folder });
  try {
    const { page, errors } = await watchedPage(browser);
    const started = Date.now();
    await page.goto(`${many.baseUrl}/ui/topology`);
    await page.waitForSelector('.topology-node[data-id="HTTPRoute/default/route-199"]', { state: 'attached' });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 15_000, `rendered in ${elapsed} ms`);
    await page.click('[data-zoom="reset"]');
    const boxes = await page.$$eval('.topology-node rect', (rects) => rects.map((r) => {
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }));
    assert.ok(boxes.length >= 402, `boxes: ${boxes.length}`);
    boxes.sort((a, b) => a.x - b.x || a.y - b.y);
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + boxes[i].width; j += 1) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = a.x < b.x + b.width - 0.01 && b.x < a.x + a.width - 0.01
          && a.y < b.y + b.height - 0.01 && b.y < a.y + a.height - 0.01;
        assert.ok(!overlap, `boxes ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`);
      }
    }
    await screenshot(page, 'tools-topology-200-routes');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await many.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
