import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing } from './calendar.ts';
import { assessCriminalEvidence, criminalFlags, CriminalEvidenceRefusal, metalSymbol } from './criminal.ts';

const metal = (m: string, value: number, limit: number) => criminalFlags({ metals: [{ metal: m, value, limit, ref: `s-${m}-${value}` }] });

void test('"3× the standard" is the exceedance multiple (C − limit)/limit ≥ 3, i.e. C ≥ 4 × limit', () => {
  // Pb limit 0.5 mg/L.
  assert.equal(metal('Pb', 1.5, 0.5).length, 0, 'C = 3 × limit is exceeded by only 2× — not flagged');
  assert.equal(metal('Pb', 1.999, 0.5).length, 0, 'just under 3× over');
  const exact = metal('Pb', 2.0, 0.5);
  assert.equal(exact.length, 1, 'exactly 3× over: 以上 includes the number (CL art. 99)');
  assert.equal(exact[0]!.id, 'heavy_metal_3x');
  assert.equal(exact[0]!.article, 'JI23 art. 1');
  assert.deepEqual(exact[0]!.evidence, ['s-Pb-2']);
  assert.equal(exact[0]!.detail.multiple, 3);
  assert.equal(metal('Pb', 2.001, 0.5).length, 1, 'just over');
  assert.equal(metal('Cr(VI)', 0.4, 0.1)[0]!.id, 'heavy_metal_3x', 'hexavalent chromium is chromium');
  assert.equal(metal('hg', 0.0002, 0.00005)[0]!.id, 'heavy_metal_3x');
});

void test('Ni/Cu/Zn/Ag/V/Mn/Co need 10× over; other substances are not heavy-metal flags', () => {
  assert.equal(metal('Ni', 5.49, 0.5).length, 0);
  const ten = metal('Ni', 5.5, 0.5);
  assert.equal(ten.length, 1);
  assert.equal(ten[0]!.id, 'heavy_metal_10x');
  assert.equal(metal('Cu', 4.0, 0.5).length, 0, '7× over is no crime for copper');
  assert.equal(metal('Pb', 5, 0).length, 0, 'a zero limit is bad data, not a flag');
});

void test('metal names: Chinese names, HJ 212-2017 codes and chromium valences are read; an unknown name is refused, not skipped', () => {
  assert.equal(metal('铅', 5.5, 0.5)[0]?.id, 'heavy_metal_3x', '铅 10× over');
  assert.equal(metal('总铅', 2.0, 0.5)[0]?.id, 'heavy_metal_3x');
  assert.equal(metal('w20120', 2.0, 0.5)[0]?.id, 'heavy_metal_3x', 'HJ 212 code of 总铅');
  for (const cr of ['Cr6', 'Cr6+', 'Cr(VI)', 'CrVI', 'Cr（VI）', '六价铬', '总铬', 'w20117', 'cr']) {
    assert.equal(metal(cr, 0.4, 0.1)[0]?.id, 'heavy_metal_3x', cr);
  }
  const expected: Array<[string, string]> = [
    ['汞', 'Hg'], ['镉', 'Cd'], ['砷', 'As'], ['铊', 'Tl'], ['锑', 'Sb'], ['镍', 'Ni'], ['铜', 'Cu'], ['锌', 'Zn'],
    ['银', 'Ag'], ['钒', 'V'], ['锰', 'Mn'], ['钴', 'Co'], ['a20057', 'Hg'], ['w20089', 'Tl'], ['w20038', 'Co'], ['Total nickel', 'Ni'],
  ];
  for (const [name, sym] of expected) assert.equal(metalSymbol(name), sym, name);
  assert.equal(metal('镍', 5.5, 0.5)[0]?.id, 'heavy_metal_10x');
  assert.equal(metal('铜', 4.0, 0.5).length, 0, '7× over is no crime for copper');
  assert.equal(metal('Co', 5.5, 0.5)[0]?.id, 'heavy_metal_10x');
  // Unknown names: a typed error naming the sample, never a silent pass.
  for (const bad of ['COD', 'CO', 'Fe', '铁', 'lead-ish', '033']) {
    const r = assessCriminalEvidence({ metals: [{ metal: 'Pb', value: 0.1, limit: 0.5, ref: 'ok' }, { metal: bad, value: 1000, limit: 1, ref: 'x' }] });
    assert.ok(!r.ok, bad);
    assert.deepEqual({ code: r.error.code, index: r.error.index, metal: r.error.metal }, { code: 'unknown_metal', index: 1, metal: bad });
  }
  assert.throws(() => metal('COD', 1000, 50), CriminalEvidenceRefusal);
  const fine = assessCriminalEvidence({ metals: [{ metal: '镉', value: 0.5, limit: 0.1, ref: 's' }] });
  assert.ok(fine.ok);
  assert.equal(fine.flags[0]!.detail.symbol, 'Cd');
});

void test('hazardous waste: ≥ 3 t, ≥ 100 t serious', () => {
  const hw = (t: number) => criminalFlags({ hazardousWaste: { tonnes: t, ref: 'ledger-1' } });
  assert.equal(hw(2.999).length, 0);
  assert.deepEqual(hw(3).map((f) => [f.id, f.serious]), [['hazardous_waste', false]]);
  assert.deepEqual(hw(99.9).map((f) => f.serious), [false]);
  assert.deepEqual(hw(100).map((f) => [f.serious, f.article]), [[true, 'JI23 art. 1, 2']]);
});

void test('monitoring-data fraud by a key discharger while discharging COD/NH3-N/SO2/NOx', () => {
  const mf = (keyDischarger: boolean, pollutants: string[], tampered = true) => criminalFlags({ monitoringFraud: { keyDischarger, tampered, pollutants, ref: 'insp-7' } });
  assert.equal(mf(false, ['a21026']).length, 0, 'not a key discharger');
  assert.equal(mf(true, ['a34013']).length, 0, 'particulates are not among the four');
  assert.equal(mf(true, ['a21026'], false).length, 0);
  const f = mf(true, ['a21026', 'NOx', 'w01018']);
  assert.equal(f[0]!.id, 'monitoring_data_fraud');
  assert.deepEqual(f[0]!.detail.pollutants, ['SO2', 'NOx', 'COD']);
});

void test('gain or loss ≥ 300,000 yuan; ≥ 1,000,000 serious', () => {
  const m = (gain: number, loss: number) => criminalFlags({ money: { gain, loss, ref: 'audit-1' } });
  assert.equal(m(299_999, 0).length, 0);
  assert.deepEqual(m(0, 300_000).map((f) => f.serious), [false]);
  assert.deepEqual(m(1_000_000, 0).map((f) => f.serious), [true]);
});

void test('repeat SO2/NOx exceedance in a heavy-pollution warning after 2 penalties within 2 years of their taking effect', () => {
  const act = beijing('2026-01-15T10:00');
  const rp = (effective: string[], duringWarning = true, pollutant = 'SO2') =>
    criminalFlags({ heavyPollutionRepeat: { actAt: act, pollutant, duringWarning, ref: 'w-9', earlierPenalties: effective.map((e, i) => ({ effectiveAt: beijing(e), ref: `p${i}` })) } });
  assert.equal(rp(['2025-03-01']).length, 0, 'one penalty is not enough');
  const two = rp(['2024-01-15T10:00', '2025-03-01']);
  assert.equal(two.length, 1, 'the earlier penalty took effect exactly 2 years before');
  assert.deepEqual(two[0]!.evidence, ['w-9', 'p0', 'p1']);
  assert.equal(rp(['2024-01-14', '2025-03-01']).length, 0, 'one of them took effect more than 2 years before');
  assert.equal(rp(['2024-06-01', '2025-03-01'], false).length, 0, 'not during a warning');
  assert.equal(rp(['2024-06-01', '2025-03-01'], true, 'a34013').length, 0, 'not SO2/NOx');
});

void test('the 2-year repeat window compares Beijing calendar days, not instants or UTC years [JI23 art. 19]', () => {
  const rp = (act: string, effective: string[]) =>
    criminalFlags({ heavyPollutionRepeat: { actAt: beijing(act), pollutant: 'NOx', duringWarning: true, ref: 'w', earlierPenalties: effective.map((e, i) => ({ effectiveAt: beijing(e), ref: `p${i}` })) } });
  // The anniversary day counts in full, whatever the hour of the act.
  assert.equal(rp('2026-01-15T20:00', ['2024-01-15T10:00', '2025-03-01']).length, 1, 'the last day of the window, later in the day');
  assert.equal(rp('2026-01-16T00:30', ['2024-01-15T10:00', '2025-03-01']).length, 0, 'the day after');
  // 2024-03-01 02:00 Beijing is 2024-02-29 in UTC: adding UTC years gave 2026-03-01 18:00 UTC, i.e. 03-02 in Beijing.
  assert.equal(rp('2026-03-02T01:00', ['2024-03-01T02:00', '2025-06-01']).length, 0, 'the window ends on Beijing 2026-03-01');
  assert.equal(rp('2026-03-01T23:00', ['2024-03-01T02:00', '2025-06-01']).length, 1);
  // 29 February → 28 February in a common year (month's last day).
  assert.equal(rp('2026-02-28T12:00', ['2024-02-29T12:00', '2025-06-01']).length, 1);
  assert.equal(rp('2026-03-01T00:10', ['2024-02-29T12:00', '2025-06-01']).length, 0);
});

void test('evasive discharge of toxic substances; several flags come out together', () => {
  assert.equal(criminalFlags({ evasiveDischarge: { toxic: false, method: 'hidden pipe', ref: 'i1' } }).length, 0);
  const all = criminalFlags({
    evasiveDischarge: { toxic: true, method: 'hidden pipe', ref: 'i1' },
    metals: [{ metal: 'Cd', value: 0.5, limit: 0.1, ref: 's1' }],
    hazardousWaste: { tonnes: 4, ref: 'l1' },
  });
  assert.deepEqual(all.map((f) => f.id), ['heavy_metal_3x', 'hazardous_waste', 'evasive_toxic_discharge']);
  assert.deepEqual(criminalFlags({}), []);
});
