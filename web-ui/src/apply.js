// Apply page: dry run (POST /api/v1/analyze) and apply (POST /api/v1/apply) with the session of a signed-in
// browser (and its CSRF token) or a write token typed here, which stays in this tab's sessionStorage only.
import { el } from './trace.js';
import { csrfHeaders } from './csrf.js';

const TOKEN_KEY = 'portolan.writeToken';

export function initApply(form) {
  const result = document.querySelector('[data-apply-result]');
  const token = form.elements.token;
  token.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
  token.addEventListener('input', () => sessionStorage.setItem(TOKEN_KEY, token.value));
  form.querySelectorAll('[data-action]').forEach((button) => button.addEventListener('click', async () => {
    const action = button.dataset.action;
    const headers = { 'Content-Type': 'application/yaml', Accept: 'application/json', ...csrfHeaders() };
    if (token.value) headers.Authorization = `Bearer ${token.value}`;
    result.replaceChildren(el('p', {}, action === 'apply' ? 'Applying…' : 'Analyzing…'));
    const response = await fetch(`/api/v1/${action}`, { method: 'POST', headers, body: form.elements.yaml.value });
    const json = await response.json().catch(() => ({ title: `HTTP ${response.status}` }));
    if (!response.ok) result.replaceChildren(renderProblem(response.status, json));
    else result.replaceChildren(...(action === 'apply' ? renderOutcome(json) : renderAnalysis(json)));
  }));
}

/** A problem+json answer: status, title, detail and the object/field it names. */
export function renderProblem(status, problem) {
  const box = el('div', { class: 'apply-problem', role: 'alert', 'data-status': String(status) },
    el('h2', {}, `${status} ${problem.title ?? ''}`), el('p', {}, problem.detail ?? ''));
  const where = ['object', 'document', 'field', 'line'].filter((k) => problem[k] !== undefined && problem[k] !== null);
  if (where.length) {
    box.append(el('dl', {}, ...where.flatMap((k) => [el('dt', {}, k), el('dd', {}, String(problem[k]))])));
  }
  return box;
}

export function renderAnalysis(analysis) {
  const out = [el('h2', {}, 'Dry run')];
  out.push(el('h3', {}, 'Changes'), list(analysis.changes, 'apply-changes'));
  for (const [key, title] of [['issuesIntroduced', 'Issues introduced'], ['issuesFixed', 'Issues fixed'],
    ['issuesUnchanged', 'Issues unchanged']]) {
    out.push(el('h3', {}, title), list(analysis[key], `apply-${key}`));
  }
  return out;
}

export function renderOutcome(outcome) {
  const objects = outcome.objects ?? outcome.results ?? outcome.items ?? [];
  return [el('h2', {}, 'Applied'), list(objects, 'apply-objects'),
    el('p', {}, `visible: ${outcome.visible ?? ''}`)];
}

function list(items, className) {
  if (!items || items.length === 0) return el('p', { class: className }, 'none');
  return el('ul', { class: className }, ...items.map((item) => el('li', {}, describe(item))));
}

function describe(item) {
  if (typeof item !== 'object' || item === null) return String(item);
  return Object.entries(item).filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
}
