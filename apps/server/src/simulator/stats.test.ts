// The simulator's latency statistics and its timer heap (stats.ts, heap.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MinHeap } from './heap.ts';
import { LatencyHistogram } from './stats.ts';

void test('latency percentiles within the 5 % bucket width', () => {
  const h = new LatencyHistogram();
  for (let i = 1; i <= 1000; i++) h.record(i);
  const s = h.summary();
  assert.equal(s.count, 1000);
  assert.ok(s.p50 >= 500 && s.p50 <= 525, `p50 ${s.p50}`);
  assert.ok(s.p99 >= 990 && s.p99 <= 1000, `p99 ${s.p99}`);
  assert.equal(s.max, 1000);
  assert.equal(new LatencyHistogram().summary().p50, 0);
});

void test('min-heap pops in due order', () => {
  const h = new MinHeap();
  const dues = [5, 3, 9, 1, 7, 3, 0, 8];
  dues.forEach((d, i) => h.push(d, i));
  const out: number[] = [];
  while (h.size > 0) {
    const due = h.peek();
    h.pop();
    out.push(due ?? -1);
  }
  assert.deepEqual(out, [...dues].sort((a, b) => a - b));
});
