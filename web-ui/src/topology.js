// Topology map: draws /api/v1/topology (same filters as the page) as a layered SVG with pan and zoom, fitted to the
// content at load with text kept readable, and a side panel with the full name and relations of the box under the
// pointer or keyboard focus.
import { curveControls, layoutTopology } from './topology-layout.js';

const SVG = 'http://www.w3.org/2000/svg';
const STATUS_FILL = { ok: '#e6f4ea', warning: '#fff4ce', error: '#fde7e9' };
const STATUS_STROKE = { ok: '#1e7e34', warning: '#9a6700', error: '#b3261e' };
const STATUS_WORDS = { ok: 'ok', warning: 'warning', error: 'error' };
const POLICY_FILL = '#f4effa';
const POLICY_STROKE = '#7a4fb0';
const COLUMN_TITLES = ['GatewayClasses', 'Gateways', 'HTTPRoutes', 'Backends'];
const FONT = '13px system-ui, -apple-system, "Segoe UI", sans-serif';
const POLICY_FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
const MIN_SCALE = 0.05;
const MAX_SCALE = 4;
/** The load-time zoom never goes below this: 13 px labels stay at least 11 px on screen. */
export const READABLE_SCALE = 11 / 13;

/** The dashboard page of an API path: /api/v1/httproutes/ns/name → /ui/httproutes/ns/name. */
export function uiPath(apiPath) {
  return apiPath && apiPath.startsWith('/api/v1/') ? `/ui/${apiPath.slice('/api/v1/'.length)}` : null;
}

/** What a box says: namespace/name for objects, "Kind name" for policies. */
export function labelOf(node, policy) {
  if (policy) return `${node.kind} ${node.name}`;
  return node.namespace ? `${node.namespace}/${node.name}` : node.name;
}

/**
 * The zoom at load: the whole map when it fits at a readable size, else as much as fits at READABLE_SCALE
 * (the person pans for the rest); never larger than 1.
 */
export function initialScale(canvasWidth, layoutWidth) {
  return Math.min(1, Math.max(READABLE_SCALE, canvasWidth / layoutWidth));
}

export async function initTopology(section) {
  const map = section.querySelector('[data-topology-map]');
  const canvas = section.querySelector('[data-topology-canvas]');
  const panel = section.querySelector('[data-topology-panel]');
  if (!map || !canvas) return;
  const query = new URLSearchParams();
  if (section.dataset.namespace) query.set('namespace', section.dataset.namespace);
  if (section.dataset.for) query.set('for', section.dataset.for);
  const response = await fetch(`/api/v1/topology?${query}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return; // the server-rendered list and its message stay
  const graph = await response.json();
  map.hidden = false;
  const policyIds = new Set(graph.edges.filter((e) => e.type === 'policy').map((e) => e.from));
  const measure = textMeasurer();
  const nodes = graph.nodes.map((node) => {
    const policy = policyIds.has(node.id);
    const label = labelOf(node, policy);
    return { id: node.id, kind: node.kind, label, labelWidth: measure(label, policy ? POLICY_FONT : FONT) };
  });
  const layout = layoutTopology(nodes, graph.edges);
  const { svg, viewport } = draw(graph, layout);
  canvas.replaceChildren(svg);
  // labels longer than their box (capped columns) end in "…"; the title and the panel have them in full
  for (const text of svg.querySelectorAll('.topology-node text')) shorten(text);
  const view = enablePanZoom(canvas, viewport, layout, section);
  if (panel) enablePanel(panel, canvas, graph, layout, view);
}

/** Label widths measured with the page's font (a canvas context), or estimated without one. */
function textMeasurer() {
  const context = document.createElement('canvas').getContext?.('2d');
  return (text, font) => {
    if (!context) return undefined;
    context.font = font;
    return Math.ceil(context.measureText(text).width);
  };
}

function draw(graph, layout) {
  const svg = element('svg', { width: '100%', height: '100%', role: 'img', 'aria-label': 'Topology map',
    'data-node-count': String(layout.nodes.length) });
  svg.appendChild(element('title', {}, 'Topology: GatewayClass → Gateway → HTTPRoute → backend; policies hang, dashed, below what they target'));
  const viewport = element('g', { class: 'topology-viewport' });
  svg.appendChild(viewport);
  COLUMN_TITLES.forEach((title, i) => {
    const column = layout.columns[i];
    if (layout.nodes.some((n) => n.layer === i && !n.policy)) {
      viewport.appendChild(element('text', { class: 'topology-column-title', x: column.x, y: 26, 'font-size': 13,
        'font-weight': 'bold', fill: '#444' }, title));
    }
  });
  const edges = element('g', { class: 'topology-edges', fill: 'none' });
  for (const edge of layout.edges) {
    const policy = edge.type === 'policy';
    edges.appendChild(element('path', { d: pathOf(edge), stroke: policy ? POLICY_STROKE : '#8a8a8a',
      'stroke-width': 1.3, 'stroke-dasharray': policy ? '5 4' : null, 'data-edge-type': edge.type,
      'data-edge-shape': edge.shape, 'data-from': edge.from, 'data-to': edge.to }));
  }
  viewport.appendChild(edges);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const boxes = element('g', { class: 'topology-nodes' });
  for (const box of layout.nodes) {
    const node = byId.get(box.id);
    const href = uiPath(node.links?.self);
    const label = labelOf(node, box.policy);
    const group = element(href ? 'a' : 'g', { class: 'topology-node', 'data-id': node.id,
      'data-kind': node.kind, 'data-status': node.status, 'data-policy': box.policy ? 'true' : null, href,
      'data-label': label, 'aria-label': `${node.kind} ${labelOf(node, false)}, ${STATUS_WORDS[node.status] ?? node.status}`,
      transform: `translate(${box.x} ${box.y})` });
    group.appendChild(element('title', {}, `${node.kind} ${labelOf(node, false)} — status ${node.status}`));
    group.appendChild(element('rect', { width: box.width, height: box.height, rx: box.policy ? 10 : 4,
      fill: box.policy ? POLICY_FILL : STATUS_FILL[node.status] ?? '#eeeeee',
      stroke: box.policy && node.status === 'ok' ? POLICY_STROKE : STATUS_STROKE[node.status] ?? '#666666',
      'stroke-dasharray': box.policy ? '4 3' : null }));
    const fontSize = box.policy ? 12 : 13;
    const text = element('text', { x: 8, y: box.height / 2 + fontSize * 0.36, 'font-size': fontSize,
      fill: '#1a1a1a' }, label);
    group.appendChild(text);
    boxes.appendChild(group);
  }
  viewport.appendChild(boxes);
  return { svg, viewport };
}

function shorten(text) {
  const rect = text.previousSibling;
  const room = Number(rect.getAttribute('width')) - 14;
  if (typeof text.getComputedTextLength !== 'function' || text.getComputedTextLength() <= room) return;
  const full = text.textContent;
  let keep = full.length;
  while (keep > 1 && text.getComputedTextLength() > room) {
    keep -= 1;
    text.textContent = `${full.slice(0, keep)}…`;
  }
}

function pathOf(edge) {
  if (edge.shape === 'elbow') {
    return `M${edge.points.map((p) => `${p.x},${p.y}`).join(' L')}`;
  }
  const [a, c1, c2, b] = curveControls(edge.points[0], edge.points[1]);
  return `M${a.x},${a.y} C${c1.x},${c1.y} ${c2.x},${c2.y} ${b.x},${b.y}`;
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
  /** The whole map in the canvas, however small (the Fit button and the 0 key). */
  const fitWhole = () => {
    const width = canvas.clientWidth || 800;
    const height = canvas.clientHeight || 600;
    view.k = Math.max(MIN_SCALE, Math.min(MAX_SCALE, width / layout.width, height / layout.height));
    view.x = Math.max(0, (width - layout.width * view.k) / 2);
    view.y = 0;
    apply();
  };
  // at load: readable zoom, and a canvas as tall as the content needs (up to most of the window)
  const width = canvas.clientWidth || 800;
  view.k = initialScale(width, layout.width);
  const wanted = Math.ceil(layout.height * view.k) + 2;
  canvas.style.height = `${Math.max(240, Math.min(wanted, Math.round(window.innerHeight * 0.78)))}px`;
  view.x = Math.max(0, (width - layout.width * view.k) / 2);
  view.y = 0;
  apply();

  section.querySelectorAll('[data-zoom]').forEach((button) => button.addEventListener('click', () => {
    const { cx, cy } = center();
    if (button.dataset.zoom === 'in') zoomAt(1.25, cx, cy);
    else if (button.dataset.zoom === 'out') zoomAt(0.8, cx, cy);
    else fitWhole();
  }));
  // the wheel scrolls the map (Shift: sideways) while it has more to show, then the page; Ctrl + wheel zooms
  canvas.addEventListener('wheel', (event) => {
    const rect = canvas.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      zoomAt(event.deltaY < 0 ? 1.1 : 1 / 1.1, event.clientX - rect.left, event.clientY - rect.top);
      return;
    }
    const sideways = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
    const delta = sideways ? (event.deltaX || event.deltaY) : event.deltaY;
    const before = sideways ? view.x : view.y;
    const span = sideways ? layout.width * view.k - canvas.clientWidth : layout.height * view.k - canvas.clientHeight;
    const next = Math.min(0, Math.max(-Math.max(0, span), before - delta));
    if (next === before) return; // at the end: let the page scroll
    event.preventDefault();
    if (sideways) view.x = next;
    else view.y = next;
    apply();
  }, { passive: false });
  canvas.addEventListener('keydown', (event) => {
    const { cx, cy } = center();
    const step = 40;
    const moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const link = event.target.closest?.('.topology-node[href]');
    if (event.key === 'Enter' && link) {
      // Chromium does not follow a focused SVG link on Enter
      window.location.assign(link.getAttribute('href'));
    } else if (event.key === '+' || event.key === '=') zoomAt(1.25, cx, cy);
    else if (event.key === '-' || event.key === '_') zoomAt(0.8, cx, cy);
    else if (event.key === '0') fitWhole();
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
  return {
    /** Pans so that a box (layout coordinates) is inside the canvas, keeping the zoom. */
    reveal(box) {
      const margin = 24;
      const left = view.x + box.x * view.k;
      const top = view.y + box.y * view.k;
      const right = left + box.width * view.k;
      const bottom = top + box.height * view.k;
      if (left < margin) view.x += margin - left;
      else if (right > canvas.clientWidth - margin) view.x -= right - (canvas.clientWidth - margin);
      if (top < margin) view.y += margin - top;
      else if (bottom > canvas.clientHeight - margin) view.y -= bottom - (canvas.clientHeight - margin);
      apply();
    },
  };
}

/** The side panel: the box under the pointer or with keyboard focus, in full, with its relations and links. */
function enablePanel(panel, canvas, graph, layout, view) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const boxes = new Map(layout.nodes.map((b) => [b.id, b]));
  const show = (id) => {
    const node = byId.get(id);
    const box = boxes.get(id);
    if (!node || !box) return;
    panel.dataset.selected = id;
    const related = (type, from) => graph.edges.filter((e) => e.type === type && e[from] === id)
      .map((e) => byId.get(from === 'from' ? e.to : e.from)).filter(Boolean);
    const list = (title, items) => (items.length === 0 ? [] : [html('h3', {}, title),
      html('ul', { class: 'plain' }, ...items.map((n) => html('li', {}, link(n))))]);
    const policy = box.policy;
    const up = graph.edges.filter((e) => e.type !== 'policy' && e.to === id).map((e) => byId.get(e.from)).filter(Boolean);
    const down = graph.edges.filter((e) => e.type !== 'policy' && e.from === id).map((e) => byId.get(e.to)).filter(Boolean);
    panel.replaceChildren(
      html('p', { class: 'topology-panel-kind' }, node.kind),
      html('h2', { class: 'topology-panel-name' }, labelOf(node, false)),
      html('p', {}, html('span', { class: `badge status-${node.status === 'ok' ? 'true' : node.status === 'warning' ? 'partial' : 'false'}` },
        STATUS_WORDS[node.status] ?? String(node.status))),
      ...(uiPath(node.links?.self) ? [html('p', {}, html('a', { href: uiPath(node.links.self) }, 'Open its page'))] : []),
      ...(policy ? list('Targets', related('policy', 'from'))
        : [...list('Parents', up), ...list('Children', down), ...list('Policies', related('policy', 'to'))]),
    );
  };
  const nodeOf = (target) => target.closest?.('.topology-node');
  canvas.addEventListener('pointerover', (event) => {
    const node = nodeOf(event.target);
    if (node) show(node.dataset.id);
  });
  canvas.addEventListener('focusin', (event) => {
    const node = nodeOf(event.target);
    if (!node) return;
    show(node.dataset.id);
    view.reveal(boxes.get(node.dataset.id));
  });
}

function link(node) {
  const href = uiPath(node.links?.self);
  const text = `${node.kind} ${labelOf(node, false)}`;
  return href ? html('a', { href }, text) : document.createTextNode(text);
}

function html(name, attributes, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function element(name, attributes, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}
