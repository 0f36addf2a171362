// Writes a manifests folder with 5,000 HTTPRoutes over 50 namespaces, 20 Gateways and their Services.
// Usage: node generate.mjs <folder> [routes=5000]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, routeArg] = process.argv.slice(2);
if (!folder) throw new Error('usage: node generate.mjs <folder> [routes]');
const routes = Number(routeArg ?? 5000);
mkdirSync(folder, { recursive: true });
const docs = ['apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: portolan\nspec:\n  controllerName: portolan.dev/gateway-controller\n'];
for (let g = 0; g < 20; g += 1) {
  docs.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw-${g}\n  namespace: default\nspec:\n  gatewayClassName: portolan\n  addresses:\n  - value: 127.0.1.${g + 1}\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: All\n`);
}
writeFileSync(join(folder, '00-gateways.yaml'), docs.join('---\n'));
for (let n = 0; n < 50; n += 1) {
  const ns = `team-${n}`;
  const out = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`];
  for (let s = 0; s < 10; s += 1) {
    out.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${s}\n  namespace: ${ns}\nspec:\n  ports:\n  - port: 8080\n`);
  }
  for (let r = n; r < routes; r += 50) {
    out.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: route-${r}\n  namespace: ${ns}\nspec:\n  parentRefs:\n  - name: gw-${r % 20}\n    namespace: default\n  hostnames:\n  - r${r}.example.com\n  rules:\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /r${r}\n    backendRefs:\n    - name: svc-${r % 10}\n      port: 8080\n`);
  }
  writeFileSync(join(folder, `${ns}.yaml`), out.join('---\n'));
}
console.log(`${routes} HTTPRoutes in ${folder}`);
