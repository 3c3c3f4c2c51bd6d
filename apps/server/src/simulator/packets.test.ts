// Simulated uploads (packets.ts) stay within HJ 212's segment and CP limits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeSegment } from '@ecoenforce/hj212';
import type { DeviceSpec } from './device.ts';
import { AIR_FACTORS_WITH_CO } from './factors.ts';
import { VirtualLogger } from './logger.ts';
import { uploadPackets } from './packets.ts';

const T0 = Date.UTC(2026, 0, 1, 16);
const big: DeviceSpec = { mn: 'EC0E00000001000000000000', pw: '123456', kind: 'air', factors: [...AIR_FACTORS_WITH_CO], st: '31', seed: 1 };

void test('uploads stay within the standard limits (segment ≤ 1024, CP ≤ 950), splitting when they would not', () => {
  const logger = new VirtualLogger(big, T0);
  const out = logger.advance(T0 + 3_600_000);
  for (const u of out) {
    const packets = uploadPackets(big, u);
    for (const p of packets) {
      const seg = encodeSegment({ ...p, qn: '20260102000000000' });
      assert.ok(Buffer.byteLength(seg) <= 1024, `${u.cn} ${Buffer.byteLength(seg)}`);
      const cp = seg.slice(seg.indexOf('CP=&&') + 5, -2);
      assert.ok(cp.length <= 950, `${u.cn} CP ${cp.length}`);
    }
    const codes = packets.flatMap((p) => p.cp.slice(1).map((item) => item[0]?.[0].split('-')[0]));
    assert.deepEqual(codes, big.factors, 'every factor once, in order');
    if (packets.length > 1) assert.ok(packets.every((p, i) => p.pnum === packets.length && p.pno === i + 1 && p.flag === 7));
  }
  const minute = out.find((u) => u.cn === '2051');
  assert.ok(minute !== undefined);
  assert.equal(uploadPackets(big, minute).length, 2, 'ten flue-gas factors with totals need two parts');
  assert.equal(uploadPackets({ ...big, factors: big.factors.slice(0, 9) }, new VirtualLogger({ ...big, factors: big.factors.slice(0, 9) }, T0).minuteUpload(T0)).length, 1);
  assert.equal(uploadPackets(big, minute, 3).length, 3);
});
