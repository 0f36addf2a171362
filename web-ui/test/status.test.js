import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatAge, summarizeParentConditions } from '../src/status.js';

const accepted = (status, observedGeneration) => ({
  conditions: [
    { type: 'ResolvedRefs', status: 'True' },
    { type: 'Accepted', status, ...(observedGeneration === undefined ? {} : { observedGeneration }) },
  ],
});

describe('summarizeParentConditions', () => {
  it('is Unknown without parents', () => {
    assert.equal(summarizeParentConditions([]), 'Unknown');
    assert.equal(summarizeParentConditions(undefined), 'Unknown');
  });

  it('is True when every parent accepted the route', () => {
    assert.equal(summarizeParentConditions([accepted('True'), accepted('True')]), 'True');
  });

  it('is False when every parent rejected the route', () => {
    assert.equal(summarizeParentConditions([accepted('False'), accepted('False')]), 'False');
  });

  it('is Partial when parents disagree', () => {
    assert.equal(summarizeParentConditions([accepted('True'), accepted('False')]), 'Partial');
  });

  it('is Partial when some parents have not reported yet', () => {
    assert.equal(summarizeParentConditions([accepted('True'), { conditions: [] }]), 'Partial');
  });

  it('is Unknown when no parent reports the condition', () => {
    assert.equal(summarizeParentConditions([{ conditions: [] }, accepted('Unknown')]), 'Unknown');
  });

  it('summarises another condition type on request', () => {
    const parents = [accepted('True'), { conditions: [{ type: 'ResolvedRefs', status: 'False' }] }];
    assert.equal(summarizeParentConditions(parents, { type: 'ResolvedRefs' }), 'Partial');
  });

  it('ignores conditions observed for an older generation', () => {
    const parents = [accepted('True', 3), accepted('True', 2)];
    assert.equal(summarizeParentConditions(parents, { generation: 3 }), 'Partial');
    assert.equal(summarizeParentConditions([accepted('True', 2)], { generation: 3 }), 'Unknown');
  });
});

describe('formatAge', () => {
  const now = Date.parse('2024-05-10T12:00:00Z');

  it('uses seconds under a minute', () => {
    assert.equal(formatAge('2024-05-10T11:59:15Z', now), '45s');
  });

  it('uses minutes under an hour, truncating', () => {
    assert.equal(formatAge('2024-05-10T11:57:00Z', now), '3m');
    assert.equal(formatAge(now - 59 * 60_000 - 59_000, now), '59m');
  });

  it('uses hours under a day', () => {
    assert.equal(formatAge(new Date('2024-05-10T10:00:00Z'), now), '2h');
  });

  it('uses days beyond', () => {
    assert.equal(formatAge('2024-05-05T11:00:00Z', new Date(now)), '5d');
  });

  it('shows future timestamps as 0s', () => {
    assert.equal(formatAge('2024-05-10T12:00:30Z', now), '0s');
  });

  it('reports unreadable timestamps', () => {
    assert.equal(formatAge('not a time', now), '<unknown>');
  });
});
