// Issue 15, points 1-3: a route page gives one reconciled answer per value (what the proxy enforces, and the chain
// that decided it), the lists answer gwctl's questions (inherited policies, effective timeouts, what a policy
// affects, a CRD's instances), and Portolan's own TimeoutPolicies carry status.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from '../lib/browser.js';
import { startDemo } from '../lib/pages.js';

let demo;
before(async () => { demo = await startDemo('policy-discovery'); }, { timeout: 120_000 });
after(async () => {
  await demo?.stop();
});

/** The cells of the list row whose Name link is `name`, keyed by column header. */
async function row(page, name) {
  return page.$$eval('table.sortable', ([table], wanted) => {
    const headers = [...table.tHead.rows[0].cells].map((c) => c.textContent.replace('↕', '').trim());
    const tr = [...table.tBodies[0].rows].find((r) => r.cells[headers.indexOf('Name')]?.textContent.trim() === wanted);
    if (!tr) return null;
    const text = (cell) => {
      const items = [...cell.querySelectorAll('li')];
      return (items.length ? items.map((li) => li.textContent).join(' ') : cell.textContent).replace(/\s+/g, ' ').trim();
    };
    return Object.fromEntries(headers.map((h, i) => [h, text(tr.cells[i])]));
  }, name);
}

/** The rows of the route page's enforced timeouts table: [gateway, rule, field, enforced, source, chain]. */
async function enforced(page) {
  return page.$$eval('table.timeouts tbody tr', (trs) => trs.map((tr) => [...tr.cells]
    .map((c) => c.textContent.replace(/\s+/g, ' ').trim())));
}

test('a route page shows what the proxy enforces, and the chain that decided each value', { timeout: 60_000 }, async () => {
  const page = await demo.open('/ui/httproutes/default/echo');
  const headings = await page.$$eval('h2, h3', (hs) => hs.map((h) => h.textContent.trim()));
  assert.ok(headings.includes('Enforced by the proxy'), headings.join(' | '));
  assert.equal(headings.filter((h) => /effective/i.test(h)).length, 1,
    `one heading claims "effective" (gwctl's merged policies): ${headings.join(' | ')}`);

  const rows = await enforced(page);
  const capped = rows.find((r) => r[0] === 'default/hello-world' && r[2] === 'backendRequest');
  assert.equal(capped[3], '5s');
  const chain = page.locator('tr[data-gateway="default/hello-world"][data-field="backendRequest"] ol.chain li');
  assert.equal(await chain.count(), 2);
  assert.match(await chain.nth(0).getAttribute('class'), /lost/);
  assert.match(await chain.nth(0).textContent(), /default\s+15s[\s\S]*overridden by the override of TimeoutPolicy default\/hello-world-cap/);
  assert.match(await chain.nth(1).getAttribute('class'), /winner/);
  assert.match(await chain.nth(1).textContent(), /override\s+5s\s+at Gateway default\/hello-world/);
  const elsewhere = rows.find((r) => r[0] === 'default/example-gateway' && r[2] === 'backendRequest');
  assert.equal(elsewhere[3], '15s', 'the override caps only the Gateway it is attached to');
  await screenshot(page, 'policy-discovery-route-echo');

  const timeout = await demo.open('/ui/httproutes/default/timeout-example');
  const request = (await enforced(timeout)).find((r) => r[2] === 'request');
  assert.equal(request[3], '10s');
  const steps = timeout.locator('tr[data-field="request"] ol.chain li');
  assert.match(await steps.nth(0).textContent(), /✔\s+rule\s+10s[\s\S]*most specific default/);
  assert.match(await steps.nth(1).textContent(), /✗\s+default\s+30s\s+at GatewayClass portolan[\s\S]*the rule's own value beats every policy default/);
  // the merged-policy table still shows gwctl's 30s, and says where the enforced value is
  assert.match(await timeout.textContent('.detail-page'), /before a route rule's own values: what the proxy applies is under\s+Enforced by the proxy/);
  await screenshot(timeout, 'policy-discovery-route-timeout-example');

  const auth = await demo.open('/ui/httproutes/default/auth');
  const tls = auth.locator('table.enforced-tls tbody tr').first();
  assert.equal((await tls.locator('.badge').textContent()).trim(), 'TLS');
  assert.match(await tls.textContent(), /SNI auth\.example\.com/);
  assert.match(await tls.locator('ol.chain li.winner').textContent(), /tls-upstream-auth[\s\S]*applies to the whole Service/);
  await screenshot(auth, 'policy-discovery-route-auth');
  assert.deepEqual(demo.problems, []);
});

test('route, Gateway and backend lists show inherited policies with their level and the effective timeouts', { timeout: 60_000 }, async () => {
  const routes = await demo.open('/ui/httproutes');
  const echo = await row(routes, 'echo');
  assert.match(echo['Inherited policies'], /TimeoutPolicy class-defaults \(from GatewayClass portolan\)/);
  assert.match(echo['Inherited policies'], /TimeoutPolicy hello-world-cap \(from Gateway default\/hello-world\)/);
  assert.match(echo['Effective timeouts'], /default\/hello-world: request 30s \(class-defaults at GatewayClass\), backendRequest 5s \(hello-world-cap override at Gateway\)/);
  assert.match((await row(routes, 'timeout-example'))['Effective timeouts'], /request 10s \(rule\), backendRequest 2s \(rule\)/);
  await screenshot(routes, 'policy-discovery-list-httproutes');

  const gateways = await demo.open('/ui/gateways');
  const example = await row(gateways, 'example-gateway');
  assert.match(example['Inherited policies'], /class-defaults \(from GatewayClass portolan\)/);
  assert.match(example['Timeouts for its routes'], /request 30s \(class-defaults at GatewayClass\)/);
  assert.match((await row(gateways, 'hello-world'))['Policies'], /TimeoutPolicy default\/hello-world-cap/);
  await screenshot(gateways, 'policy-discovery-list-gateways');

  const backends = await demo.open('/ui/backends');
  assert.match((await row(backends, 'auth-service'))['Policies'], /BackendTLSPolicy default\/tls-upstream-auth/);
  assert.match((await row(backends, 'timeout-svc'))['Effective timeouts'], /default\/timeout-example via default\/example-gateway: request 10s \(rule\)/);
  await screenshot(backends, 'policy-discovery-list-backends');
  assert.deepEqual(demo.problems, []);
});

test('the policies list says what each policy affects, with links that filter the lists', { timeout: 60_000 }, async () => {
  const page = await demo.open('/ui/policies');
  const cap = await row(page, 'hello-world-cap');
  assert.equal(cap['Affects'], '1 Gateway 1 HTTPRoute 1 backend');
  assert.equal(cap['Accepted'], 'True', 'Portolan writes the status of its own TimeoutPolicies');
  assert.equal((await row(page, 'class-defaults'))['Accepted'], 'True');
  assert.match((await row(page, 'tls-upstream-auth'))['Affects'], /1 HTTPRoute 1 backend/);
  await screenshot(page, 'policy-discovery-list-policies');

  await Promise.all([page.waitForURL('**/ui/httproutes?policy=**'),
    page.click('a[href="/ui/httproutes?policy=TimeoutPolicy.gateway.portolan.dev%2Fdefault%2Fhello-world-cap"]')]);
  const names = await page.$$eval('table.sortable tbody tr', (rows) => rows.map((r) => r.querySelector('a')?.textContent));
  assert.deepEqual(names, ['echo']);
  assert.match(await page.textContent('.filter-note'), /TimeoutPolicy\.gateway\.portolan\.dev\/default\/hello-world-cap/);

  const searched = await demo.open('/ui/policies?q=BackendTLSPolicy');
  const kinds = await searched.$$eval('table.sortable tbody tr', (rows) => rows.map((r) => r.querySelector('a')?.textContent));
  assert.deepEqual(kinds, ['tls-upstream-auth', 'tls-upstream-dev'], 'the search filters by policy kind');

  const crds = await demo.open('/ui/policycrds');
  assert.equal((await row(crds, 'timeoutpolicies.gateway.portolan.dev'))['Instances'], 'default/class-defaults default/hello-world-cap');
  await crds.click('a[href="/ui/policies/TimeoutPolicy.gateway.portolan.dev/default/class-defaults"]');
  await crds.waitForURL('**/class-defaults');
  assert.match(await crds.textContent('table.ancestors'), /GatewayClass portolan[\s\S]*Accepted True[\s\S]*Policy accepted/);
  await screenshot(crds, 'policy-discovery-policy-class-defaults');
  assert.deepEqual(demo.problems, []);
});
