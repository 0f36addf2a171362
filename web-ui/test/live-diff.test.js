import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedKeys, debounce, fingerprints, isRelevantEvent } from '../src/live-diff.js';

function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map();
  return {
    setTimeout(fn, ms) { const id = next++; pending.set(id, { at: now + ms, fn }); return id; },
    clearTimeout(id) { pending.delete(id); },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now) { pending.delete(id); timer.fn(); }
      }
    },
  };
}

test('debounce runs once after a burst, with the last arguments', () => {
  const timers = fakeTimers();
  const calls = [];
  const run = debounce((value) => calls.push(value), 300, timers);
  run(1); timers.advance(100); run(2); timers.advance(100); run(3);
  timers.advance(299);
  assert.deepEqual(calls, []);
  timers.advance(1);
  assert.deepEqual(calls, [3]);
  run(4); timers.advance(300);
  assert.deepEqual(calls, [3, 4]);
});

test('debounce cancel drops the pending call', () => {
  const timers = fakeTimers();
  const calls = [];
  const run = debounce(() => calls.push('x'), 300, timers);
  run(); run.cancel(); timers.advance(1000);
  assert.deepEqual(calls, []);
});

test('changedKeys lists new and different keys, sorted, not removed ones', () => {
  const before = new Map([['a', '1'], ['b', '2'], ['gone', '3']]);
  const after = new Map([['b', '2*'], ['a', '1'], ['c', 'new']]);
  assert.deepEqual(changedKeys(before, after), ['b', 'c']);
  assert.deepEqual(changedKeys(after, after), []);
});

test('fingerprints key elements by data-key with normalised text and classes', () => {
  const element = (key, className, text) => ({ className, textContent: text, getAttribute: () => key });
  const root = { querySelectorAll: () => [element('x', 'badge status-true', ' Accepted\n  now '), element('y', '', 'y')] };
  assert.deepEqual([...fingerprints(root)], [['x', 'badge status-true|Accepted now'], ['y', '|y']]);
});

test('only change events trigger a refresh', () => {
  for (const type of ['added', 'modified', 'deleted', 'status', 'snapshot', 'reset']) assert.ok(isRelevantEvent(type), type);
  assert.equal(isRelevantEvent('message'), false);
  assert.equal(isRelevantEvent('heartbeat'), false);
});

test('debounce with the real timers runs (no illegal invocation of setTimeout)', async () => {
  const calls = [];
  const run = debounce(() => calls.push('ran'), 5);
  run(); run();
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(calls, ['ran']);
});
