// Topology map: draws /api/v1/topology (same filters as the page) as a layered SVG with pan and zoom.
import { layoutTopology } from './topology-layout.js';

const SVG = 'http://www.w3.org/2000/svg';
const STATUS_FILL = { ok: '#e6f4ea', warning: '#fff4ce', error: '#fde7e9' };
const STATUS_STROKE = { ok: '#1e7e34', warning: '#9a6700', error: '#b3261e' };
const COLUMN_TITLES = ['GatewayClasses', 'Gateways', 'HTTPRoutes', 'Backends'];
const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

/** The dashboard page of an API path: /api/v1/httproutes/ns/name → /ui/httproutes/ns/name. */
export function uiPath(apiPath) {
  return apiPath && apiPath.startsWith('/api/v1/') ? `/ui/${apiPath.slice('/api/v1/'.length)}` : null;
}

export async function initTopology(section) {
  const map = section.querySelector('[data-topology-map]');
  const canvas = section.querySelector('[data-topology-canvas]');
  if (!map || !canvas) return;
  const query = new URLSearchParams();
  if (section.dataset.namespace) query.set('namespace', section.dataset.namespace);
  if (section.dataset.for) query.set('for', section.dataset.for);
  const response = await fetch(`/api/v1/topology?${query}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return; // the server-rendered list and its message stay
  const graph = await response.json();
  map.hidden = false;
  Object.assign(canvas.style, {
    height: '70vh', minHeight: '320px', border: '1px solid #c8c8c8', overflow: 'hidden', cursor: 'grab',
    touchAction: 'none', background: '#fbfbfb',
  });
  const layout = layoutTopology(graph.nodes, graph.edges);
  const { svg, viewport } = draw(graph, layout);
  canvas.replaceChildren(svg);
  enablePanZoom(canvas, viewport, layout, section);
}

function draw(graph, layout) {
  const svg = element('svg', { width: '100%', height: '100%', role: 'img', 'aria-label': 'Topology map',
    'data-node-count': String(layout.nodes.length) });
  svg.appendChild(element('title', {}, 'Topology: GatewayClass → Gateway → HTTPRoute → backend, policies dashed'));
  const viewport = element('g', { class: 'topology-viewport' });
  svg.appendChild(viewport);
  COLUMN_TITLES.forEach((title, i) => {
    const x = layout.nodes.find((n) => n.layer === i && !n.policy)?.x;
    if (x !== undefined) {
      viewport.appendChild(element('text', { x, y: 14, 'font-size': 12, 'font-weight': 'bold', fill: '#444' }, title));
    }
  });
  const edges = element('g', { class: 'topology-edges', fill: 'none' });
  for (const edge of layout.edges) {
    const [a, b] = edge.points;
    const bend = Math.max(20, Math.abs(b.x - a.x) / 2);
    const direction = b.x >= a.x ? 1 : -1;
    const d = `M${a.x},${a.y} C${a.x + direction * bend},${a.y} ${b.x - direction * bend},${b.y} ${b.x},${b.y}`;
    const policy = edge.type === 'policy';
    edges.appendChild(element('path', { d, stroke: policy ? '#7a4fb0' : '#8a8a8a', 'stroke-width': 1.2,
      'stroke-dasharray': policy ? '5 4' : null, 'data-edge-type': edge.type, 'data-from': edge.from,
      'data-to': edge.to }));
  }
  viewport.appendChild(edges);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const boxes = element('g', { class: 'topology-nodes' });
  for (const box of layout.nodes) {
    const node = byId.get(box.id);
    const href = uiPath(node.links?.self);
    const label = node.namespace ? `${node.namespace}/${node.name}` : node.name;
    const group = element(href ? 'a' : 'g', { class: 'topology-node', 'data-id': node.id,
      'data-kind': node.kind, 'data-status': node.status, href,
      transform: `translate(${box.x} ${box.y})` });
    group.appendChild(element('title', {}, `${node.kind} ${label} — status ${node.status}`));
    group.appendChild(element('rect', { width: box.width, height: box.height, rx: 4,
      fill: STATUS_FILL[node.status] ?? '#eeeeee', stroke: STATUS_STROKE[node.status] ?? '#666666',
      'stroke-dasharray': box.policy ? '4 3' : null }));
    const text = box.policy ? `${node.kind} ${node.name}` : label;
    const room = Math.floor((box.width - 12) / 6.2);
    group.appendChild(element('text', { x: 6, y: box.height / 2 + 4, 'font-size': 11, fill: '#1a1a1a' },
      text.length > room ? `${text.slice(0, room - 1)}…` : text));
    boxes.appendChild(group);
  }
  viewport.appendChild(boxes);
  return { svg, viewport };
}

function enablePanZoom(canvas, viewport, layout, section) {
  const view = { x: 0, y: 0, k: 1 };
  const apply = () => viewport.setAttribute('transform', `translate(${view.x} ${view.y}) scale(${view.k})`);
  const zoomAt = (factor, cx, cy) => {
    const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.k * factor));
    view.x = cx - ((cx - view.x) * k) / view.k;
    view.y = cy - ((cy - view.y) * k) / view.k;
    view.k = k;
    apply();
  };
  const center = () => ({ cx: canvas.clientWidth / 2, cy: canvas.clientHeight / 2 });
  const fit = (whole) => {
    const width = canvas.clientWidth || 800;
    const height = canvas.clientHeight || 600;
    view.k = Math.min(1, width / layout.width, whole ? height / layout.height : Infinity);
    view.k = Math.max(MIN_SCALE, view.k);
    view.x = 0;
    view.y = 0;
    apply();
  };
  fit(false);

  section.querySelectorAll('[data-zoom]').forEach((button) => button.addEventListener('click', () => {
    const { cx, cy } = center();
    if (button.dataset.zoom === 'in') zoomAt(1.25, cx, cy);
    else if (button.dataset.zoom === 'out') zoomAt(0.8, cx, cy);
    else fit(true);
  }));
  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    zoomAt(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - rect.left, event.clientY - rect.top);
  }, { passive: false });
  canvas.addEventListener('keydown', (event) => {
    const { cx, cy } = center();
    const step = 40;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (event.key === '+' || event.key === '=') zoomAt(1.25, cx, cy);
    else if (event.key === '-' || event.key === '_') zoomAt(0.8, cx, cy);
    else if (event.key === '0') fit(true);
    else if (moves[event.key] && event.target === canvas) {
      view.x += moves[event.key][0];
      view.y += moves[event.key][1];
      apply();
    } else return;
    event.preventDefault();
  });

  // drag to pan; a drag that moved does not count as a click on the node under the pointer
  let drag = null;
  let moved = false;
  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, id: event.pointerId };
    moved = false;
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!moved && Math.hypot(dx, dy) < 4) return;
    if (!moved) canvas.setPointerCapture?.(drag.id);
    moved = true;
    canvas.style.cursor = 'grabbing';
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    apply();
  });
  const end = () => {
    drag = null;
    canvas.style.cursor = 'grab';
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  canvas.addEventListener('click', (event) => {
    if (moved) {
      event.preventDefault();
      moved = false;
    }
  }, true);
}

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}
