// Request tracer: submits the form as POST /api/v1/trace and renders the explanation in place.
import { csrfHeaders } from './csrf.js';

/** The textarea's `Name: value` lines as {name: [values]}; throws naming the line that is not a header. */
export function parseHeaderLines(text) {
  const headers = {};
  text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '').forEach((line, i) => {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`headers line ${i + 1}: "${line}" is not Name: value`);
    const name = line.slice(0, colon).trim();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  });
  return headers;
}

export function traceBody(form) {
  const data = new FormData(form);
  const body = { gateway: data.get('gateway'), host: data.get('host'), method: data.get('method') || 'GET',
    path: data.get('path'), headers: parseHeaderLines(data.get('headers') ?? '') };
  if (data.get('port')) body.port = Number(data.get('port'));
  if (data.get('scheme')) body.scheme = data.get('scheme');
  return body;
}

export function initTrace(form) {
  const result = document.querySelector('[data-trace-result]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let body;
    try {
      body = traceBody(form);
    } catch (error) {
      result.replaceChildren(problem(error.message));
      return;
    }
    const response = await fetch('/api/v1/trace', { method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...csrfHeaders() },
      body: JSON.stringify(body) });
    const json = await response.json();
    if (!response.ok) {
      result.replaceChildren(problem(`${json.field ? `${json.field}: ` : ''}${json.detail ?? json.title}`));
      return;
    }
    result.replaceChildren(...renderTrace(json));
    const query = new URLSearchParams(new FormData(form));
    history.replaceState(null, '', `/ui/trace?${query}`);
  });
}

function problem(text) {
  return el('p', { class: 'problem-message', role: 'alert' }, text);
}

/** The same structure the server renders into the page. */
export function renderTrace(t) {
  const heading = el('h2', {}, 'Result: ', el('span', { class: 'trace-outcome' }, t.outcome ?? ''));
  const version = el('p', {}, 'Config version ', el('strong', { class: 'trace-config-version' }, String(t.configVersion)),
    `; Gateway ${t.gateway.namespace}/${t.gateway.name} port ${t.gateway.port}.`);
  const steps = el('ol', { class: 'trace-steps' });
  steps.append(el('li', { class: 'trace-listener' }, 'Listener: ', ...(t.listener
    ? [el('strong', {}, t.listener.name), ` (${t.listener.protocol}/${t.listener.port}, hostname ${t.listener.hostname ?? 'any'})`]
    : ['none'])));
  steps.append(el('li', { class: 'trace-route' }, 'Route: ', ...(t.matched
    ? [el('a', { href: `/ui/httproutes/${t.route.namespace}/${t.route.name}` }, `${t.route.namespace}/${t.route.name}`),
      ` rule ${t.route.rule} match ${t.route.matchIndex}: `, el('code', {}, t.route.match)]
    : [el('strong', {}, 'no match'), `: ${t.problem ?? ''}`])));
  if (t.closestMisses?.length) {
    steps.append(el('li', { class: 'trace-misses' }, 'Closest rules that did not match:',
      el('ul', {}, ...t.closestMisses.map((m) => el('li', {}, `${m.route} rule ${m.rule} match ${m.match}: ${m.reasons.join('; ')}`)))));
  }
  if (t.filters) {
    steps.append(el('li', { class: 'trace-filters' }, 'Filters: ', t.filters.length === 0 ? 'none'
      : el('ul', {}, ...t.filters.map((f) => el('li', {}, typeof f === 'string' ? f : JSON.stringify(f))))));
  }
  if (t.backends) {
    steps.append(el('li', { class: 'trace-backends' }, 'Backends: ', t.backends.length === 0 ? 'none'
      : el('ul', {}, ...t.backends.map((b) => el('li', {}, el('strong', {}, b.name),
        ` weight ${b.weight} (${b.sharePercent}%), ${b.protocol}, endpoints ${(b.endpoints ?? []).join(', ')}`,
        ...(b.tls ? [el('span', { class: 'trace-tls' }, '; TLS with SNI ', el('strong', {}, b.tls.sni ?? ''),
          ` (${b.tls.policy}, verifies ${b.tls.verifies})`)] : []))))));
  }
  if (t.timeouts) {
    const items = ['request', 'backendRequest'].filter((k) => t.timeouts[k]).map((k) => el('li', { 'data-timeout': k },
      `${k} `, el('strong', {}, t.timeouts[k].value ?? ''), ` from ${t.timeouts[k].source}`));
    steps.append(el('li', { class: 'trace-timeouts' }, 'Timeouts:', el('ul', {}, ...items)));
  }
  const words = el('details', {}, el('summary', {}, 'All steps in words'),
    el('ol', {}, ...(t.steps ?? []).map((s) => el('li', {}, s))));
  return [heading, version, steps, words];
}

export function el(name, attributes, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}
