// Issue 15, point 8: the README's pictures of the overview, a route page and the map, taken from the demo
// manifests at 1280 px. They go to target/readme-screenshots/; with PORTOLAN_SCREENSHOTS=docs (Maven:
// -Dportolan.screenshots=docs) also to docs/screenshots/ in the repository, the files the README shows. Not by
// default: ages and ports differ on every run, so each run would otherwise leave changed files in the work tree.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../lib/browser.js';
import { freePort, paths, startPortolan } from '../lib/portolan.js';
import { demoFolder, watchedPage } from '../lib/tools.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots');
const out = join(paths.target, 'readme-screenshots');

let browser;
let portolan;
let manifests;

before(async () => {
  manifests = demoFolder();
  browser = await launchChromium();
  portolan = await startPortolan({ name: 'readme-screenshots', port: await freePort(), manifests });
  mkdirSync(out, { recursive: true });
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await portolan?.stop();
  rmSync(manifests, { recursive: true, force: true });
});

/** PNG width and height from its IHDR chunk. */
function pngSize(file) {
  const bytes = readFileSync(file);
  assert.equal(bytes.toString('ascii', 1, 4), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bytes: bytes.length };
}

/** ready: a selector to wait for; hover: a selector to point at first; clip: an element to shoot alone; height: the
 *  window's height for a shot of the top of the page only (else the whole page). */
async function shoot(name, path, { ready, hover, clip, height } = {}) {
  const { page, errors } = await watchedPage(browser);
  if (height) await page.setViewportSize({ width: 1280, height });
  await page.goto(`${portolan.baseUrl}${path}`);
  if (ready) await page.waitForSelector(ready, { state: 'attached' });
  if (hover) await page.hover(hover);
  // the relative ages are filled in by the script; give it and the fonts a moment
  await page.evaluate(() => document.fonts.ready);
  const file = join(out, `${name}.png`);
  if (clip) {
    await page.locator(clip).screenshot({ path: file });
  } else {
    await page.screenshot({ path: file, fullPage: !height });
  }
  assert.deepEqual(errors, [], name);
  await page.close();
  const size = pngSize(file);
  assert.ok(size.width >= 900 && size.height >= 300 && size.bytes > 10_000, `${name}: ${JSON.stringify(size)}`);
  if (process.env.PORTOLAN_SCREENSHOTS === 'docs') {
    mkdirSync(docs, { recursive: true });
    copyFileSync(file, join(docs, `${name}.png`));
  }
  return size;
}

test('the overview, a route page and the map, as the README shows them', { timeout: 90_000 }, async () => {
  await shoot('overview', '/', { ready: '.route-timeouts' });
  await shoot('route', '/ui/httproutes/default/timeout-example', { ready: 'h1', height: 1400 });
  // the map with the side panel showing a policy, as a person pointing at it sees it
  await shoot('topology', '/ui/topology', { ready: '.topology-node[data-id="Service/default/echo"]',
    hover: '.topology-node[data-id="TimeoutPolicy/default/hello-world-cap"]', clip: '.topology-map' });
});
