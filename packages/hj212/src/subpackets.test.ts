import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSegment } from './decode.ts';
import { SubpacketAssembler } from './subpackets.ts';
import type { Packet } from './types.ts';

const part = (qn: string, pno: number, cp: string, mn = 'M', pnum = 2): Packet => {
  const r = decodeSegment(Buffer.from(`QN=${qn};ST=32;CN=2051;PW=1;MN=${mn};Flag=7;PNUM=${pnum};PNO=${pno};CP=&&DataTime=20260101080000;${cp}&&`));
  assert.ok(r.ok);
  return r.packet;
};

void test('parts are merged by (MN, CN, DataTime) in PNO order, whatever the arrival order', () => {
  const a = new SubpacketAssembler();
  assert.equal(a.add(part('Q2', 2, 'b-Avg=2'), 0), null);
  assert.equal(a.pending, 1);
  const m = a.add(part('Q1', 1, 'a-Avg=1,a-Flag=N'), 10)!;
  assert.equal(a.pending, 0);
  assert.equal(m.qn, 'Q1');
  assert.equal(m.flag, 5);
  assert.equal(m.pnum, undefined);
  assert.deepEqual(m.values, { 'a-Avg': 1, 'a-Flag': 'N', 'b-Avg': 2 });
  assert.deepEqual(m.cp, { DataTime: '20260101080000' });
});

void test('packets without PNUM pass through; incomplete sets time out; pending is capped', () => {
  const a = new SubpacketAssembler({ timeoutMs: 1000, maxPending: 2 });
  const single = decodeSegment(Buffer.from('ST=32;CN=2011;PW=1;MN=M;CP=&&&&'));
  assert.ok(single.ok);
  assert.equal(a.add(single.packet, 0), single.packet);
  a.add(part('Q', 1, 'a-Avg=1', 'A', 3), 0);
  a.add(part('Q', 2, 'a-Avg=1', 'A', 3), 100);
  assert.deepEqual(a.expire(999), []);
  assert.deepEqual(a.expire(1000), [{ mn: 'A', cn: '2051', dataTimeText: '20260101080000', received: 2, pnum: 3 }]);
  a.add(part('Q', 1, 'x=1', 'B'), 2000);
  a.add(part('Q', 1, 'x=1', 'C'), 2000);
  a.add(part('Q', 1, 'x=1', 'D'), 2000);
  assert.equal(a.pending, 2);
  assert.deepEqual(a.expire(2001).map((s) => s.mn), ['B']);
});

void test('a PNO outside 1…PNUM is not held; parts held across sets are capped by evicting the oldest set', () => {
  const a = new SubpacketAssembler({ maxHeldParts: 4 });
  assert.equal(a.add(part('Q', 0, 'a-Avg=1', 'A', 3), 0), null);
  assert.equal(a.add(part('Q', 4, 'a-Avg=1', 'A', 3), 0), null);
  assert.equal(a.rejectedParts, 2);
  assert.equal(a.pending, 0, 'an impossible part opens no set');
  // Set A holds 2 of 3, set B 2 of 3: at the cap. A third part of B evicts A, not B.
  a.add(part('Q', 1, 'a-Avg=1', 'A', 3), 0);
  a.add(part('Q', 2, 'a-Avg=1', 'A', 3), 0);
  a.add(part('Q', 1, 'a-Avg=1', 'B', 3), 1);
  a.add(part('Q', 2, 'a-Avg=1', 'B', 3), 1);
  assert.equal(a.heldParts, 4);
  const merged = a.add(part('Q', 3, 'b-Avg=2', 'B', 3), 2);
  assert.ok(merged !== null, 'B completes');
  assert.equal(merged.mn, 'B');
  assert.equal(a.heldParts, 0);
  assert.deepEqual(a.expire(3).map((s) => [s.mn, s.received]), [['A', 2]], 'A was evicted and is reported incomplete');
  // A repeated PNO replaces and does not count twice.
  a.add(part('Q', 1, 'a-Avg=1', 'C', 2), 4);
  a.add(part('Q', 1, 'a-Avg=9', 'C', 2), 4);
  assert.equal(a.heldParts, 1);
});
