// Pure layered layout of a topology (no DOM): columns by kind, left to right, rows ordered by barycenter sweeps
// to reduce crossings, each row placed level with its parents where there is room. Policies are attachments, not
// links in the chain: each hangs below its first target, indented inside that target's column, so traffic edges
// (which run only between columns) never cross a policy and no boxes overlap.

/** Column of each hierarchy kind; other non-policy kinds are backends. */
export const KIND_LAYERS = { GatewayClass: 0, Gateway: 1, HTTPRoute: 2, Service: 3 };
const BACKEND_LAYER = 3;

export const DEFAULTS = {
  nodeHeight: 30, policyHeight: 24, rowGap: 12, policyGap: 4, attachIndent: 18, columnGap: 56, margin: 16,
  titleHeight: 22, minWidth: 140, maxWidth: 320, padding: 18, charWidth: 7.4, policyCharWidth: 6.8, sweeps: 6,
};

/**
 * @param {{id: string, kind: string, label?: string, labelWidth?: number}[]} nodes labelWidth: the label's
 *   measured width in px (else estimated from its length)
 * @param {{from: string, to: string, type: string}[]} edges type 'policy' links a policy to its target
 * @returns {{nodes: {id, kind, layer, policy, x, y, width, height, anchor}[],
 *   edges: {from, to, type, shape, points}[], columns: {x, width}[], width, height}}
 */
export function layoutTopology(nodes, edges, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const known = new Map(nodes.map((node) => [node.id, node]));
  const usable = edges.filter((e) => known.has(e.from) && known.has(e.to));
  const policyIds = new Set(usable.filter((e) => e.type === 'policy').map((e) => e.from));

  const layers = [[], [], [], []];
  for (const node of nodes) {
    if (!policyIds.has(node.id)) layers[layerOf(node)].push(node.id);
  }
  const parents = adjacency(usable, 'to', 'from');
  const children = adjacency(usable, 'from', 'to');
  orderLayers(layers, parents, children, o.sweeps);

  // each policy hangs below its first target (in column, then row order); others get a dashed edge only
  const rowOf = new Map();
  layers.forEach((layer) => layer.forEach((id, index) => rowOf.set(id, index)));
  const attached = new Map();
  const anchorOf = new Map();
  for (const policy of [...policyIds].sort()) {
    const targets = usable.filter((e) => e.type === 'policy' && e.from === policy).map((e) => e.to)
      .filter((t) => !policyIds.has(t))
      .sort((a, b) => layerOf(known.get(a)) - layerOf(known.get(b)) || rowOf.get(a) - rowOf.get(b) || compare(a, b));
    if (targets.length === 0) continue;
    anchorOf.set(policy, targets[0]);
    if (!attached.has(targets[0])) attached.set(targets[0], []);
    attached.get(targets[0]).push(policy);
  }

  // column widths from the longest label they hold (policies include their indent)
  const labelWidth = (id, policy) => {
    const node = known.get(id);
    const text = node.label ?? id;
    return node.labelWidth ?? text.length * (policy ? o.policyCharWidth : o.charWidth);
  };
  const columns = layers.map((layer) => {
    let width = o.minWidth;
    for (const id of layer) {
      width = Math.max(width, labelWidth(id, false) + o.padding);
      for (const policy of attached.get(id) ?? []) {
        width = Math.max(width, labelWidth(policy, true) + o.padding + o.attachIndent);
      }
    }
    return { width: Math.min(o.maxWidth, Math.ceil(width)) };
  });
  let x = o.margin;
  for (const column of columns) {
    column.x = x;
    x += column.width + o.columnGap;
  }

  const placed = new Map();
  const top = o.margin + o.titleHeight;
  let height = top;
  layers.forEach((layer, index) => {
    const { x: columnX, width } = columns[index];
    let free = top;
    for (const id of layer) {
      // level with the placed parents' middle when there is room, else right below the previous row
      const ups = (parents.get(id) ?? []).map((p) => placed.get(p)).filter(Boolean);
      const wanted = ups.length === 0 ? free
        : ups.reduce((sum, p) => sum + p.y + p.height / 2, 0) / ups.length - o.nodeHeight / 2;
      let y = Math.max(free, Math.round(wanted));
      placed.set(id, box(known.get(id), index, false, columnX, y, width, o.nodeHeight, null));
      y += o.nodeHeight;
      for (const policy of attached.get(id) ?? []) {
        y += o.policyGap;
        placed.set(policy, box(known.get(policy), index, true, columnX + o.attachIndent, y,
          width - o.attachIndent, o.policyHeight, id));
        y += o.policyHeight;
      }
      free = y + o.rowGap;
    }
    height = Math.max(height, free);
  });
  // a policy whose targets are all policies (unusual) goes below everything, in the first column
  for (const policy of [...policyIds].sort()) {
    if (!placed.has(policy)) {
      placed.set(policy, box(known.get(policy), 0, true, columns[0].x + o.attachIndent, height,
        columns[0].width - o.attachIndent, o.policyHeight, null));
      height += o.policyHeight + o.rowGap;
    }
  }

  const laidEdges = usable.map((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (edge.type === 'policy' && anchorOf.get(edge.from) === edge.to) {
      // the attachment: down the target's left side, into the policy's left end
      const spine = to.x + o.attachIndent / 2;
      return { ...edgeOf(edge), shape: 'elbow',
        points: [{ x: spine, y: to.y + to.height }, { x: spine, y: from.y + from.height / 2 },
          { x: from.x, y: from.y + from.height / 2 }] };
    }
    if (edge.type === 'policy') {
      // a further target: from the policy's right end to the nearer side of the target
      const right = to.x >= from.x + from.width;
      return { ...edgeOf(edge), shape: 'curve',
        points: [{ x: from.x + from.width, y: from.y + from.height / 2 },
          { x: right ? to.x : to.x + to.width, y: to.y + to.height / 2 }] };
    }
    return { ...edgeOf(edge), shape: 'curve',
      points: [{ x: from.x + from.width, y: from.y + from.height / 2 }, { x: to.x, y: to.y + to.height / 2 }] };
  });
  const last = columns[columns.length - 1];
  return {
    nodes: nodes.map((node) => placed.get(node.id)),
    edges: laidEdges,
    columns: columns.map(({ x: cx, width }) => ({ x: cx, width })),
    width: last.x + last.width + o.margin,
    height: height - o.rowGap + o.margin,
  };
}

function layerOf(node) {
  return KIND_LAYERS[node.kind] ?? BACKEND_LAYER;
}

function edgeOf(edge) {
  return { from: edge.from, to: edge.to, type: edge.type };
}

function box(node, layer, policy, x, y, width, height, anchor) {
  return { id: node.id, kind: node.kind, layer, policy, x, y, width, height, anchor };
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

/** The cubic Bézier a 'curve' edge is drawn as: leaves and enters horizontally, so it stays between its ends' x. */
export function curveControls(a, b) {
  const bend = Math.max(20, Math.abs(b.x - a.x) / 2);
  const direction = b.x >= a.x ? 1 : -1;
  return [a, { x: a.x + direction * bend, y: a.y }, { x: b.x - direction * bend, y: b.y }, b];
}

/** Points along an edge as drawn (curves sampled), for hit tests. */
export function edgePolyline(edge, samples = 24) {
  if (edge.shape !== 'curve') return edge.points;
  const [p0, p1, p2, p3] = curveControls(edge.points[0], edge.points[1]);
  const out = [];
  for (let i = 0; i <= samples; i += 1) {
    const t = i / samples;
    const u = 1 - t;
    out.push({
      x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
      y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
    });
  }
  return out;
}

/** True when two boxes share area (touching edges do not count). */
export function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** True when the segment from p to q passes through the inside of box b (used to check edges avoid boxes). */
export function segmentCrosses(p, q, b) {
  // Liang–Barsky clipping against the box shrunk by half a pixel, so touching an edge does not count
  const [x0, y0, x1, y1] = [b.x + 0.5, b.y + 0.5, b.x + b.width - 0.5, b.y + b.height - 0.5];
  let t0 = 0;
  let t1 = 1;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [pi, qi] of [[-dx, p.x - x0], [dx, x1 - p.x], [-dy, p.y - y0], [dy, y1 - p.y]]) {
    if (pi === 0) {
      if (qi < 0) return false;
    } else {
      const t = qi / pi;
      if (pi < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}
