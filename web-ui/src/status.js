// Status helpers shared by the dashboard views. Pure functions: no DOM, no clock reads.

/** The summary values, as gwctl prints them in its route and policy tables. */
export const Summary = Object.freeze({
  TRUE: 'True',
  FALSE: 'False',
  PARTIAL: 'Partial',
  UNKNOWN: 'Unknown',
});

/**
 * Summarises one condition type (default "Accepted") across a route's status.parents[].
 * - no parents, or no parent reporting the condition: Unknown
 * - every parent reports True: True; every parent reports False: False
 * - anything else (a mix, or some parents not reporting yet): Partial
 * A parent whose condition is stale (observedGeneration older than the route's generation)
 * counts as not reporting, because its verdict is about a spec that no longer exists.
 *
 * @param {Array<{conditions?: Array<{type: string, status: string, observedGeneration?: number}>}>} parents
 * @param {{type?: string, generation?: number}} [options]
 * @returns {'True'|'False'|'Partial'|'Unknown'}
 */
export function summarizeParentConditions(parents, options = {}) {
  const type = options.type ?? 'Accepted';
  const generation = options.generation;
  const verdicts = (parents ?? []).map((parent) => {
    const condition = (parent?.conditions ?? []).find((c) => c.type === type);
    if (!condition) return Summary.UNKNOWN;
    if (generation !== undefined && condition.observedGeneration !== undefined
        && condition.observedGeneration < generation) {
      return Summary.UNKNOWN;
    }
    if (condition.status === 'True') return Summary.TRUE;
    if (condition.status === 'False') return Summary.FALSE;
    return Summary.UNKNOWN;
  });
  if (verdicts.length === 0 || verdicts.every((v) => v === Summary.UNKNOWN)) return Summary.UNKNOWN;
  if (verdicts.every((v) => v === Summary.TRUE)) return Summary.TRUE;
  if (verdicts.every((v) => v === Summary.FALSE)) return Summary.FALSE;
  return Summary.PARTIAL;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Age of a timestamp relative to `now`, in the single-unit style of kubectl/gwctl tables:
 * "45s", "3m", "2h", "5d". Units are truncated, never rounded up, so "59m" stays "59m".
 * Timestamps in the future (clock skew between cluster and browser) show as "0s".
 *
 * @param {string|number|Date} timestamp RFC 3339 string, epoch milliseconds or Date
 * @param {number|Date} now epoch milliseconds or Date
 * @returns {string} the age, or "<unknown>" when the timestamp cannot be read
 */
export function formatAge(timestamp, now) {
  const then = timestamp instanceof Date ? timestamp.getTime()
    : typeof timestamp === 'number' ? timestamp
      : Date.parse(timestamp);
  const current = now instanceof Date ? now.getTime() : now;
  if (!Number.isFinite(then) || !Number.isFinite(current)) return '<unknown>';
  const elapsed = Math.max(0, current - then);
  if (elapsed < MINUTE) return `${Math.floor(elapsed / SECOND)}s`;
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h`;
  return `${Math.floor(elapsed / DAY)}d`;
}
