import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csrfHeaders, csrfToken } from '../src/csrf.js';

test('reads the CSRF cookie among others', () => {
  assert.equal(csrfToken('a=1; portolan-csrf=abc-_DEF; b=2'), 'abc-_DEF');
});

test('no cookie, no header', () => {
  assert.deepEqual(csrfHeaders(''), {});
  assert.deepEqual(csrfHeaders(undefined), {});
  assert.deepEqual(csrfHeaders('portolan-csrf-other=1'), {});
});

test('the header carries the token', () => {
  assert.deepEqual(csrfHeaders('portolan-csrf=t0k'), { 'X-CSRF-Token': 't0k' });
});
