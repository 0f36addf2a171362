// Pure layered layout of a topology (no DOM): columns by kind, left to right, rows ordered by barycenter sweeps
// to reduce crossings; policies sit beside their first target in a lane of their own, so no boxes overlap.

/** Column of each hierarchy kind; other non-policy kinds are backends. */
export const KIND_LAYERS = { GatewayClass: 0, Gateway: 1, HTTPRoute: 2, Service: 3 };
const BACKEND_LAYER = 3;

export const DEFAULTS = {
  nodeWidth: 190, nodeHeight: 30, policyWidth: 170, rowGap: 10, laneGap: 16, columnGap: 80, margin: 20, sweeps: 6,
};

/**
 * @param {{id: string, kind: string}[]} nodes
 * @param {{from: string, to: string, type: string}[]} edges type 'policy' links a policy to its target
 * @returns {{nodes: {id, kind, layer, policy, x, y, width, height}[], edges: {from, to, type, points}[], width, height}}
 */
export function layoutTopology(nodes, edges, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const known = new Map(nodes.map((node) => [node.id, node]));
  const usable = edges.filter((e) => known.has(e.from) && known.has(e.to));
  const policyIds = new Set(usable.filter((e) => e.type === 'policy').map((e) => e.from));

  const layers = [[], [], [], []];
  for (const node of nodes) {
    if (!policyIds.has(node.id)) layers[KIND_LAYERS[node.kind] ?? BACKEND_LAYER].push(node.id);
  }
  const parents = adjacency(usable, 'to', 'from');
  const children = adjacency(usable, 'from', 'to');
  orderLayers(layers, parents, children, o.sweeps);

  // each policy beside its first target (in row order), the others get dashed edges only
  const rowOf = new Map();
  layers.forEach((layer) => layer.forEach((id, index) => rowOf.set(id, index)));
  const besides = new Map();
  for (const policy of [...policyIds].sort()) {
    const targets = usable.filter((e) => e.type === 'policy' && e.from === policy).map((e) => e.to)
      .filter((t) => !policyIds.has(t))
      .sort((a, b) => layerOf(a) - layerOf(b) || rowOf.get(a) - rowOf.get(b) || compare(a, b));
    const anchor = targets[0];
    if (anchor === undefined) continue;
    if (!besides.has(anchor)) besides.set(anchor, []);
    besides.get(anchor).push(policy);
  }
  function layerOf(id) {
    return KIND_LAYERS[known.get(id).kind] ?? BACKEND_LAYER;
  }

  const columnWidth = o.nodeWidth + o.laneGap + o.policyWidth + o.columnGap;
  const placed = new Map();
  let height = 0;
  layers.forEach((layer, column) => {
    const x = o.margin + column * columnWidth;
    let y = o.margin;
    for (const id of layer) {
      const beside = besides.get(id) ?? [];
      placed.set(id, box(known.get(id), column, false, x, y, o.nodeWidth, o.nodeHeight));
      beside.forEach((policy, i) => {
        placed.set(policy, box(known.get(policy), column, true, x + o.nodeWidth + o.laneGap,
          y + i * (o.nodeHeight + o.rowGap), o.policyWidth, o.nodeHeight));
      });
      y += Math.max(1, beside.length) * (o.nodeHeight + o.rowGap);
    }
    height = Math.max(height, y);
  });
  // a policy whose targets are all policies (unusual) goes below everything, in the first lane
  for (const policy of [...policyIds].sort()) {
    if (!placed.has(policy)) {
      placed.set(policy, box(known.get(policy), 0, true, o.margin + o.nodeWidth + o.laneGap, height,
        o.policyWidth, o.nodeHeight));
      height += o.nodeHeight + o.rowGap;
    }
  }

  const laidEdges = usable.map((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    const points = edge.type === 'policy'
      ? [{ x: from.x, y: from.y + from.height / 2 }, { x: to.x + to.width, y: to.y + to.height / 2 }]
      : [{ x: from.x + from.width, y: from.y + from.height / 2 }, { x: to.x, y: to.y + to.height / 2 }];
    return { from: edge.from, to: edge.to, type: edge.type, points };
  });
  const ordered = nodes.map((node) => placed.get(node.id));
  return {
    nodes: ordered,
    edges: laidEdges,
    width: o.margin * 2 + layers.length * columnWidth - o.columnGap,
    height: height + o.margin,
  };
}

function box(node, layer, policy, x, y, width, height) {
  return { id: node.id, kind: node.kind, layer, policy, x, y, width, height };
}

function adjacency(edges, here, there) {
  const map = new Map();
  for (const edge of edges) {
    if (edge.type === 'policy') continue;
    if (!map.has(edge[here])) map.set(edge[here], []);
    map.get(edge[here]).push(edge[there]);
  }
  return map;
}

/** Barycenter sweeps, down then up; ties keep the previous order, so the result is deterministic. */
function orderLayers(layers, parents, children, sweeps) {
  for (let sweep = 0; sweep < sweeps; sweep += 1) {
    for (let i = 1; i < layers.length; i += 1) reorder(layers, i, layers[i - 1], parents);
    for (let i = layers.length - 2; i >= 0; i -= 1) reorder(layers, i, layers[i + 1], children);
  }
}

function reorder(layers, index, fixed, neighbours) {
  const position = new Map(fixed.map((id, i) => [id, i]));
  const previous = new Map(layers[index].map((id, i) => [id, i]));
  const center = new Map();
  for (const id of layers[index]) {
    const linked = (neighbours.get(id) ?? []).filter((n) => position.has(n)).map((n) => position.get(n));
    center.set(id, linked.length === 0 ? previous.get(id) * (fixed.length / Math.max(1, layers[index].length))
      : linked.reduce((a, b) => a + b, 0) / linked.length);
  }
  layers[index] = [...layers[index]].sort((a, b) => center.get(a) - center.get(b)
    || previous.get(a) - previous.get(b));
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when two boxes share area (touching edges do not count). */
export function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
