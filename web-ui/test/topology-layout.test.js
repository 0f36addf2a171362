import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edgePolyline, layoutTopology, overlaps, segmentCrosses } from '../src/topology-layout.js';

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
    { id: 'TimeoutPolicy/default/class-defaults', kind: 'TimeoutPolicy' },
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
    { from: 'TimeoutPolicy/default/class-defaults', to: 'GatewayClass/portolan', type: 'policy' },
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

/** No edge passes through a box other than its own two ends. */
function assertEdgesAvoidBoxes(layout) {
  for (const edge of layout.edges) {
    const line = edgePolyline(edge);
    for (const b of layout.nodes) {
      if (b.id === edge.from || b.id === edge.to) continue;
      for (let i = 1; i < line.length; i += 1) {
        assert.ok(!segmentCrosses(line[i - 1], line[i], b), `${edge.from} -> ${edge.to} crosses ${b.id}`);
      }
    }
  }
}

test('layers follow kind order left to right', () => {
  const { nodes, edges } = demo();
  const layout = layoutTopology(nodes, edges);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const x = (id) => byId.get(id).x;
  assert.ok(x('GatewayClass/portolan') < x('Gateway/default/a'));
  assert.ok(x('Gateway/default/a') < x('HTTPRoute/default/r1'));
  assert.ok(x('HTTPRoute/default/r1') < x('Service/default/s1'));
  assert.equal(byId.get('Gateway/default/a').layer, 1);
  assert.equal(layout.edges.filter((e) => e.type === 'policy').length, 4);
  assertNoOverlap(layout);
});

test('policies hang below their target inside its column, never between columns in the traffic chain', () => {
  const { nodes, edges } = demo();
  const layout = layoutTopology(nodes, edges);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  for (const [policy, target] of [['TimeoutPolicy/default/t', 'Gateway/default/a'],
    ['TimeoutPolicy/default/class-defaults', 'GatewayClass/portolan'],
    ['BackendTLSPolicy/default/tls', 'Service/default/s1'], ['BackendTLSPolicy/default/tls2', 'Service/default/s1']]) {
    const p = byId.get(policy);
    const t = byId.get(target);
    assert.equal(p.policy, true);
    assert.equal(p.anchor, target);
    assert.ok(p.x > t.x && p.x + p.width <= t.x + t.width, `${policy} inside the column of ${target}`);
    assert.ok(p.y >= t.y + t.height, `${policy} below ${target}`);
  }
  // the class-defaults policy is not on the GatewayClass -> Gateway edge's way: that edge leaves the class's right side
  const classEdge = layout.edges.find((e) => e.from === 'GatewayClass/portolan');
  assert.equal(classEdge.points[0].x, byId.get('GatewayClass/portolan').x + byId.get('GatewayClass/portolan').width);
  assertEdgesAvoidBoxes(layout);
});

test('barycenter ordering removes the crossing of the two gateway chains', () => {
  const { nodes, edges } = demo();
  const byId = new Map(layoutTopology(nodes, edges).nodes.map((n) => [n.id, n]));
  const above = (a, b) => byId.get(a).y < byId.get(b).y;
  // a is above b, so r2 (under a) must be above r1 (under b), and their services follow
  assert.equal(above('Gateway/default/a', 'Gateway/default/b'), above('HTTPRoute/default/r2', 'HTTPRoute/default/r1'));
  assert.equal(above('HTTPRoute/default/r2', 'HTTPRoute/default/r1'), above('Service/default/s2', 'Service/default/s1'));
});

test('columns are as wide as their longest label, within bounds, so names are not cut', () => {
  const nodes = [
    { id: 'Gateway/default/g', kind: 'Gateway', label: 'default/g' },
    { id: 'HTTPRoute/default/r', kind: 'HTTPRoute', label: 'default/a-route-with-a-rather-long-name' },
    { id: 'Service/default/s', kind: 'Service', label: 's', labelWidth: 2000 },
  ];
  const edges = [{ from: 'Gateway/default/g', to: 'HTTPRoute/default/r', type: 'parent' },
    { from: 'HTTPRoute/default/r', to: 'Service/default/s', type: 'backend' }];
  const layout = layoutTopology(nodes, edges, { charWidth: 7 });
  const [gateway, route, service] = layout.nodes;
  assert.equal(gateway.width, 140, 'short labels get the minimum width');
  assert.ok(route.width >= 'default/a-route-with-a-rather-long-name'.length * 7, `route width ${route.width}`);
  assert.equal(service.width, 320, 'a very long label is capped (the page shows it in full elsewhere)');
});

test('the layout is deterministic', () => {
  const { nodes, edges } = generated(50);
  assert.deepEqual(layoutTopology(nodes, edges), layoutTopology(nodes, edges));
});

test('200 routes with policies: no boxes overlap, no edge crosses a box, all inside the reported size', () => {
  const { nodes, edges } = generated(200);
  assert.ok(nodes.length > 400);
  const layout = layoutTopology(nodes, edges);
  assert.equal(layout.nodes.length, nodes.length);
  assertNoOverlap(layout);
  assertEdgesAvoidBoxes(layout);
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

test('segmentCrosses sees a line through a box and ignores one that passes by', () => {
  const b = { x: 10, y: 10, width: 10, height: 10 };
  assert.ok(segmentCrosses({ x: 0, y: 15 }, { x: 30, y: 15 }, b));
  assert.ok(!segmentCrosses({ x: 0, y: 25 }, { x: 30, y: 25 }, b));
  assert.ok(!segmentCrosses({ x: 0, y: 10 }, { x: 30, y: 10 }, b), 'touching the border does not count');
});
