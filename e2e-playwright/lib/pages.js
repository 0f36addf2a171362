// Shared set-up for the dashboard page tests: one embedded Portolan on a copy of deploy/examples/demo (plus a
// route in namespace team-b), one Chromium, and pages that record console errors.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.js';
import { freePort, startPortolan } from './portolan.js';

const demo = resolve(dirname(fileURLToPath(import.meta.url)), '../../deploy/examples/demo');
// startPortolan adds this to every listener port; the demo's port 80 is moved so that
// 80 + offset does not collide with another test run on the machine
const PORT_OFFSET = 24000;

const TEAM_B = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: team-b
  labels:
    tier: web
spec:
  hostnames: [shop.team-b.example]
  parentRefs:
  - name: example-gateway
    namespace: default
`;

export async function startDemo(name) {
  const folder = mkdtempSync(join(tmpdir(), 'portolan-pages-'));
  cpSync(demo, folder, { recursive: true });
  let listener = await freePort();
  while (listener <= PORT_OFFSET + 1024) listener = await freePort();
  const gateways = join(folder, '10-gateways.yaml');
  writeFileSync(gateways, readFileSync(gateways, 'utf8').replaceAll('port: 80\n', `port: ${listener - PORT_OFFSET}\n`));
  writeFileSync(join(folder, '90-team-b.yaml'), TEAM_B);
  const browser = await launchChromium();
  let portolan;
  try {
    portolan = await startPortolan({ name, port: await freePort(), manifests: folder });
  } catch (error) {
    await browser.close();
    throw error;
  }
  const problems = [];
  return {
    baseUrl: portolan.baseUrl,
    browser,
    problems,
    /** A new page (optionally in its own context with options) whose console errors land in `problems`. */
    async open(path, contextOptions) {
      const context = await browser.newContext(contextOptions);
      const page = await context.newPage();
      page.on('console', (message) => {
        // the 404 test page's own status is reported as a load error; anything else is a bug
        const expected404 = /status of 404/.test(message.text()) && /\/nope$/.test(message.location().url);
        if (message.type() === 'error' && !expected404) problems.push(`${path}: ${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
      if (path) await page.goto(`${portolan.baseUrl}${path}`);
      return page;
    },
    async stop() {
      await browser.close();
      await portolan.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
