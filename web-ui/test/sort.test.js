import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareKeys, nextDirection, sortRows } from '../src/sort.js';

const keyOf = (row, index) => row[index];

describe('compareKeys', () => {
  it('orders numbers by value, not as text', () => {
    assert.ok(compareKeys('9', '10') < 0);
    assert.ok(compareKeys('000000000010', '000000000009') > 0);
  });
  it('orders text case-insensitively', () => {
    assert.ok(compareKeys('alpha', 'Beta') < 0);
    assert.equal(compareKeys('Echo', 'echo'), 0);
  });
  it('puts empty cells first when ascending', () => {
    assert.ok(compareKeys('', 'a') < 0);
  });
});

describe('sortRows', () => {
  const rows = [['store', '3'], ['auth', '10'], ['echo', '2']];
  it('sorts ascending by a text column', () => {
    assert.deepEqual(sortRows(rows, 0, 'ascending', keyOf).map((r) => r[0]), ['auth', 'echo', 'store']);
  });
  it('sorts descending by a numeric column', () => {
    assert.deepEqual(sortRows(rows, 1, 'descending', keyOf).map((r) => r[1]), ['10', '3', '2']);
  });
  it('keeps the original order of equal keys (stable)', () => {
    const same = [['b', 'x'], ['a', 'x'], ['c', 'x']];
    assert.deepEqual(sortRows(same, 1, 'descending', keyOf).map((r) => r[0]), ['b', 'a', 'c']);
  });
  it('does not modify its input', () => {
    const copy = rows.map((r) => [...r]);
    sortRows(rows, 0, 'ascending', keyOf);
    assert.deepEqual(rows, copy);
  });
});

describe('nextDirection', () => {
  it('starts ascending and toggles', () => {
    assert.equal(nextDirection(null), 'ascending');
    assert.equal(nextDirection('ascending'), 'descending');
    assert.equal(nextDirection('descending'), 'ascending');
  });
});
