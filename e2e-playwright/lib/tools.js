// Helpers for the dashboard tools' browser tests: demo and generated manifest folders, a page that records errors.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** A temp copy of deploy/examples/demo (the announcement's examples) without its README. */
export function demoFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'portolan-e2e-demo-'));
  cpSync(resolve(moduleDir, '../deploy/examples/demo'), folder, { recursive: true });
  rmSync(join(folder, 'README.md'), { force: true });
  return folder;
}

/** A Gateway on `listenerPort` with `routes` HTTPRoutes, each to its own Service. */
export function generatedFolder(listenerPort, routes) {
  const folder = mkdtempSync(join(tmpdir(), 'portolan-e2e-many-'));
  const docs = [
    'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: portolan\nspec:\n'
      + '  controllerName: portolan.dev/gateway-controller\n',
    `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: many\n  namespace: default\nspec:\n`
      + `  gatewayClassName: portolan\n  listeners:\n  - name: http\n    port: ${listenerPort}\n    protocol: HTTP\n`,
  ];
  for (let i = 0; i < routes; i += 1) {
    const n = String(i).padStart(3, '0');
    docs.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: route-${n}\n`
      + `  namespace: default\nspec:\n  parentRefs:\n  - name: many\n  hostnames:\n  - r${n}.example.com\n`
      + `  rules:\n  - backendRefs:\n    - name: svc-${n}\n      port: 8080\n`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${n}\n  namespace: default\nspec:\n`
      + '  ports:\n  - port: 8080\n');
  }
  writeFileSync(join(folder, 'many.yaml'), docs.join('---\n'));
  return folder;
}

/** A new page whose console errors and page errors are collected in `errors`. */
export async function watchedPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  // failed loads are reported with their URL below; the browser's own /favicon.ico probe is not the page's error
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')
      && response.request().resourceType() !== 'document' && response.request().resourceType() !== 'fetch') {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}
