// The TypeScript client generated from openapi/portolan.yaml (typescript-fetch), against a running Portolan on the
// demo (started by TypeScriptClientTest, which passes PORTOLAN_URL and PORTOLAN_TOKEN). Bundled by esbuild, run by
// node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Configuration, DefaultApi, ReadApi, ResponseError,
  type HTTPRouteList, type HTTPRouteDescription, type Problem, type RuleTimeouts, type Trace,
} from '../target/generated-sources/ts-client/index';

const basePath = (process.env.PORTOLAN_URL ?? '').replace(/\/$/, '');
const read = new ReadApi(new Configuration({ basePath }));
const api = new DefaultApi(new Configuration({ basePath, accessToken: process.env.PORTOLAN_TOKEN }));

test('lists HTTPRoutes page by page with metadata.continue', async () => {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page: HTTPRouteList = await read.listHttpRoutes({ namespace: 'default', limit: 3, _continue: token });
    assert.equal(page.kind, 'HTTPRouteList');
    names.push(...page.items.map((item) => item.metadata.name ?? ''));
    token = page.metadata._continue ?? undefined;
  } while (token);
  assert.ok(names.includes('timeout-example'), names.join(','));
});

test('describes the timeout example with its effective timeouts and their provenance', async () => {
  const route: HTTPRouteDescription = await read.describeHttpRoutes({ namespace: 'default', name: 'timeout-example' });
  assert.equal(route.object?.spec.rules?.[0].timeouts?.request, '10s');
  const rule: RuleTimeouts = route.effectiveTimeouts!['default/example-gateway'][0];
  assert.equal(rule.request?.value, '10s');
  assert.equal(rule.request?.from, 'rule');
  assert.equal(rule.backendRequest?.field, 'spec.rules[0].timeouts.backendRequest');
});

test('traces a request to the TLS backend', async () => {
  const trace: Trace = await api.tracePost({
    traceRequest: { gateway: 'default/example-gateway', host: 'auth.example.com', path: '/login' },
  });
  assert.equal(trace.matched, true);
  assert.equal(trace.route?.name, 'auth');
  assert.equal(trace.backends?.[0].tls?.sni, 'auth.example.com');
});

test('a missing object is a typed Problem', async () => {
  let error: unknown;
  try {
    await read.describeHttpRoutes({ namespace: 'default', name: 'nope' });
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof ResponseError, String(error));
  assert.equal(error.response.status, 404);
  const problem: Problem = await error.response.json();
  assert.equal(problem.status, 404);
  assert.equal(problem.object, 'HTTPRoute/default/nope');
});
