// The raw-frame dedupe key (frame-rows.ts): a retransmission is the same frame, anything else is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedupeKey } from './frame-rows.ts';

const body = Buffer.from('##0101QN=20261128100000000;ST=31;CN=2051;PW=123456;MN=BENCH0000000000000000001;Flag=5;CP=&&DataTime=20261128100000&&1A2B');

void test('a retransmission has the same key whatever its line ending', () => {
  const k = dedupeKey('M1', Buffer.concat([body, Buffer.from('\r\n')]), 1000);
  assert.equal(dedupeKey('M1', Buffer.concat([body, Buffer.from('\n')]), 1000), k);
  assert.equal(dedupeKey('M1', body, 1000), k);
  assert.match(k, /^rs:M1:[A-Za-z0-9_-]{16}$/);
});

void test('different bytes, MN or time give different keys', () => {
  const k = dedupeKey('M1', body, 1000);
  assert.notEqual(dedupeKey('M2', body, 1000), k);
  assert.notEqual(dedupeKey('M1', Buffer.concat([body, Buffer.from(' ')]), 1000), k);
  assert.notEqual(dedupeKey('M1', body, 1001), k);
  assert.match(dedupeKey('M1', body, null), /^:M1:/);
});
