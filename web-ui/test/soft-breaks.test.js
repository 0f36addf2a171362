import { test } from 'node:test';
import assert from 'node:assert/strict';
import { softBreakPieces } from '../src/soft-breaks.js';

test('long policy references get break points after dots and slashes, and nothing is lost', () => {
  const text = 'TimeoutPolicy.gateway.portolan.dev/default/hello-world-cap';
  const pieces = softBreakPieces(text);
  assert.deepEqual(pieces, ['TimeoutPolicy.', 'gateway.', 'portolan.', 'dev/', 'default/', 'hello-world-cap']);
  assert.equal(pieces.join(''), text);
});

test('short values and names are left whole', () => {
  assert.equal(softBreakPieces('auth.example.com'), null);
  assert.equal(softBreakPieces('default/example-gateway'), null);
  assert.equal(softBreakPieces('30s from a policy'), null);
});

test('only the long token in a sentence matters, the text is kept as is', () => {
  const text = 'from TimeoutPolicy.gateway.portolan.dev/default/class-defaults at GatewayClass';
  assert.equal(softBreakPieces(text).join(''), text);
});
