import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutTopology, overlaps } from '../src/topology-layout.js';

function demo() {
  const nodes = [
    { id: 'GatewayClass/portolan', kind: 'GatewayClass' },
    { id: 'Gateway/default/a', kind: 'Gateway' },
    { id: 'Gateway/default/b', kind: 'Gateway' },
    { id: 'HTTPRoute/default/r1', kind: 'HTTPRoute' },
    { id: 'HTTPRoute/default/r2', kind: 'HTTPRoute' },
    { id: 'Service/default/s1', kind: 'Service' },
    { id: 'Service/default/s2', kind: 'Service' },
    { id: 'TimeoutPolicy/default/t', kind: 'TimeoutPolicy' },
    { id: 'BackendTLSPolicy/default/tls', kind: 'BackendTLSPolicy' },
    { id: 'BackendTLSPolicy/default/tls2', kind: 'BackendTLSPolicy' },
  ];
  const edges = [
    { from: 'GatewayClass/portolan', to: 'Gateway/default/a', type: 'class' },
    { from: 'GatewayClass/portolan', to: 'Gateway/default/b', type: 'class' },
    { from: 'Gateway/default/a', to: 'HTTPRoute/default/r2', type: 'parent' },
    { from: 'Gateway/default/b', to: 'HTTPRoute/default/r1', type: 'parent' },
    { from: 'HTTPRoute/default/r1', to: 'Service/default/s1', type: 'backend' },
    { from: 'HTTPRoute/default/r2', to: 'Service/default/s2', type: 'backend' },
    { from: 'TimeoutPolicy/default/t', to: 'Gateway/default/a', type: 'policy' },
    { from: 'BackendTLSPolicy/default/tls', to: 'Service/default/s1', type: 'policy' },
    { from: 'BackendTLSPolicy/default/tls2', to: 'Service/default/s1', type: 'policy' },
  ];
  return { nodes, edges };
}

function generated(routes) {
  const nodes = [{ id: 'GatewayClass/c', kind: 'GatewayClass' }];
  const edges = [];
  for (let g = 0; g < 5; g += 1) {
    nodes.push({ id: `Gateway/ns/g${g}`, kind: 'Gateway' });
    edges.push({ from: 'GatewayClass/c', to: `Gateway/ns/g${g}`, type: 'class' });
    nodes.push({ id: `TimeoutPolicy/ns/p${g}`, kind: 'TimeoutPolicy' });
    edges.push({ from: `TimeoutPolicy/ns/p${g}`, to: `Gateway/ns/g${g}`, type: 'policy' });
  }
  for (let r = 0; r < routes; r += 1) {
    const route = `HTTPRoute/ns/r${String(r).padStart(3, '0')}`;
    nodes.push({ id: route, kind: 'HTTPRoute' }, { id: `Service/ns/s${r}`, kind: 'Service' });
    edges.push({ from: `Gateway/ns/g${(r * 7) % 5}`, to: route, type: 'parent' },
      { from: route, to: `Service/ns/s${r}`, type: 'backend' });
    if (r % 10 === 0) {
      nodes.push({ id: `BackendTLSPolicy/ns/t${r}`, kind: 'BackendTLSPolicy' });
      edges.push({ from: `BackendTLSPolicy/ns/t${r}`, to: `Service/ns/s${r}`, type: 'policy' });
    }
  }
  return { nodes, edges };
}

function assertNoOverlap(layout) {
  const boxes = [...layout.nodes].sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      assert.ok(!overlaps(boxes[i], boxes[j]), `${boxes[i].id} overlaps ${boxes[j].id}`);
    }
  }
}

test('layers follow kind order left to right, policies beside their targets', () => {
  const { nodes, edges } = demo();
  const layout = layoutTopology(nodes, edges);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const x = (id) => byId.get(id).x;
  assert.ok(x('GatewayClass/portolan') < x('Gateway/default/a'));
  assert.ok(x('Gateway/default/a') < x('HTTPRoute/default/r1'));
  assert.ok(x('HTTPRoute/default/r1') < x('Service/default/s1'));
  assert.equal(byId.get('Gateway/default/a').layer, 1);
  const policy = byId.get('TimeoutPolicy/default/t');
  assert.equal(policy.policy, true);
  assert.ok(policy.x > x('Gateway/default/a') && policy.x < x('HTTPRoute/default/r1'));
  assert.equal(policy.y, byId.get('Gateway/default/a').y);
  assert.equal(layout.edges.filter((e) => e.type === 'policy').length, 3);
  assertNoOverlap(layout);
});

test('barycenter ordering removes the crossing of the two gateway chains', () => {
  const { nodes, edges } = demo();
  const byId = new Map(layoutTopology(nodes, edges).nodes.map((n) => [n.id, n]));
  const above = (a, b) => byId.get(a).y < byId.get(b).y;
  // a is above b, so r2 (under a) must be above r1 (under b), and their services follow
  assert.equal(above('Gateway/default/a', 'Gateway/default/b'), above('HTTPRoute/default/r2', 'HTTPRoute/default/r1'));
  assert.equal(above('HTTPRoute/default/r2', 'HTTPRoute/default/r1'), above('Service/default/s2', 'Service/default/s1'));
});

test('the layout is deterministic', () => {
  const { nodes, edges } = generated(50);
  assert.deepEqual(layoutTopology(nodes, edges), layoutTopology(nodes, edges));
});

test('600 boxes for 250 routes do not overlap and fit inside the reported size', () => {
  const { nodes, edges } = generated(250);
  assert.ok(nodes.length > 500);
  const layout = layoutTopology(nodes, edges);
  assert.equal(layout.nodes.length, nodes.length);
  assertNoOverlap(layout);
  for (const n of layout.nodes) {
    assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= layout.width && n.y + n.height <= layout.height, n.id);
  }
});

test('edges referring to unknown nodes are ignored', () => {
  const layout = layoutTopology([{ id: 'Gateway/a/b', kind: 'Gateway' }],
    [{ from: 'GatewayClass/x', to: 'Gateway/a/b', type: 'class' }]);
  assert.equal(layout.edges.length, 0);
  assert.equal(layout.nodes[0].layer, 1);
});
