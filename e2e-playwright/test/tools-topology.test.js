import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchChromium, screenshot } from '../lib/browser.js';
import { join } from 'node:path';
import { freePort, paths, startPortolan } from '../lib/portolan.js';
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

/** On-screen geometry of the map: canvas, boxes (with their label's on-screen font size) and edge boxes. */
function mapGeometry(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-topology-canvas]').getBoundingClientRect();
    const nodes = [...document.querySelectorAll('.topology-node')].map((node) => {
      const rect = node.querySelector('rect').getBoundingClientRect();
      const text = node.querySelector('text');
      const scale = rect.width / Number(node.querySelector('rect').getAttribute('width'));
      return { id: node.dataset.id, policy: node.dataset.policy === 'true', label: node.dataset.label,
        shown: text.textContent, font: Number(text.getAttribute('font-size')) * scale,
        textWidth: text.getBoundingClientRect().width,
        x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    });
    const edges = [...document.querySelectorAll('.topology-edges path')].map((path) => {
      const b = path.getBoundingClientRect();
      return { type: path.dataset.edgeType, from: path.dataset.from, to: path.dataset.to, x: b.x, y: b.y,
        width: b.width, height: b.height };
    });
    return { canvas: { x: canvas.x, y: canvas.y, width: canvas.width, height: canvas.height }, nodes, edges };
  });
}

const inside = (box, area) => box.x >= area.x - 0.5 && box.y >= area.y - 0.5
  && box.x + box.width <= area.x + area.width + 0.5 && box.y + box.height <= area.y + area.height + 0.5;
const intersects = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5
  && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

test('at load the demo map fits its canvas with readable, whole labels and policies hanging below their targets', { timeout: 60_000 }, async () => {
  const { page, errors } = await openMap('/ui/topology');
  const { canvas, nodes, edges } = await mapGeometry(page);
  for (const node of nodes) {
    assert.ok(inside(node, canvas), `${node.id} is visible at load`);
    assert.ok(node.font >= 11, `${node.id}: text ${node.font.toFixed(1)} px on screen`);
    assert.equal(node.shown, node.label, `${node.id}: the label is not cut`);
    assert.ok(node.textWidth <= node.width, `${node.id}: the label stays inside its box`);
  }
  // the canvas is as tall as the map, not a thin strip at the top of a tall empty box
  const bottom = Math.max(...nodes.map((n) => n.y + n.height));
  assert.ok(canvas.y + canvas.height - bottom < 80, `empty space below the map: ${canvas.y + canvas.height - bottom} px`);
  for (let i = 0; i < nodes.length; i += 1) {
    for (let j = i + 1; j < nodes.length; j += 1) {
      assert.ok(!intersects(nodes[i], nodes[j]), `${nodes[i].id} overlaps ${nodes[j].id}`);
    }
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const [policy, target] of [['TimeoutPolicy/default/class-defaults', 'GatewayClass/portolan'],
    ['TimeoutPolicy/default/hello-world-cap', 'Gateway/default/hello-world'],
    ['BackendTLSPolicy/default/tls-upstream-auth', 'Service/default/auth-service']]) {
    const p = byId.get(policy);
    const t = byId.get(target);
    assert.ok(p.policy, `${policy} is drawn as a policy`);
    assert.ok(p.x > t.x && p.x + p.width <= t.x + t.width + 0.5 && p.y >= t.y + t.height,
      `${policy} hangs below ${target}, inside its column`);
  }
  // traffic edges run between columns: none passes over a policy (hello-world-cap overlapped edges before)
  for (const edge of edges.filter((e) => e.type !== 'policy')) {
    for (const policy of nodes.filter((n) => n.policy)) {
      assert.ok(!intersects(edge, policy), `edge ${edge.from} -> ${edge.to} crosses ${policy.id}`);
    }
  }
  await screenshot(page, 'tools-topology-fitted');
  assert.deepEqual(errors, []);
  await page.close();
});

test('full names on hover and in the side panel; Tab walks the boxes and the panel follows', { timeout: 60_000 }, async () => {
  const { page, errors } = await openMap('/ui/topology');
  const policy = page.locator('.topology-node[data-id="TimeoutPolicy/default/hello-world-cap"]');
  assert.match(await policy.locator('title').textContent(), /TimeoutPolicy default\/hello-world-cap/);
  await policy.hover();
  const panel = page.locator('[data-topology-panel]');
  assert.equal(await panel.locator('.topology-panel-name').textContent(), 'default/hello-world-cap');
  assert.equal(await panel.locator('.topology-panel-kind').textContent(), 'TimeoutPolicy');
  assert.match(await panel.textContent(), /Targets\s*Gateway default\/hello-world/);
  await page.locator('.topology-node[data-id="Gateway/default/example-gateway"]').hover();
  const gatewayPanel = await panel.textContent();
  assert.match(gatewayPanel, /Parents\s*GatewayClass portolan/);
  assert.match(gatewayPanel, /Children.*HTTPRoute default\/timeout-example/s);

  await page.focus('[data-topology-canvas]');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.closest('.topology-node')?.dataset.id);
  assert.ok(focused, 'Tab moves into the map');
  assert.equal(await panel.getAttribute('data-selected'), focused);
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement.closest('.topology-node')?.dataset.id);
  assert.notEqual(next, focused);
  assert.equal(await panel.getAttribute('data-selected'), next);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/ui/topology'), page.keyboard.press('Enter')]);
  assert.notEqual(new URL(page.url()).pathname, '/ui/topology', 'Enter opens the focused object');
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
    // at load: readable text, the first rows in view, the canvas not taller than the window
    const loaded = await mapGeometry(page);
    assert.ok(loaded.nodes.every((n) => n.font >= 11), 'readable text at the default zoom with 200 routes');
    assert.ok(inside(loaded.nodes.find((n) => n.id === 'GatewayClass/portolan'), loaded.canvas));
    assert.ok(loaded.canvas.height <= 900, `canvas ${loaded.canvas.height} px high in a 900 px window`);
    await page.locator('.topology-map').screenshot({ path: join(paths.target, 'screenshots', 'tools-topology-200-routes-at-load.png') });
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
