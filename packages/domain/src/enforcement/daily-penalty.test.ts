import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing } from './calendar.ts';
import { dailyPenalty } from './daily-penalty.ts';

void test('worked example: two uncorrected rounds accumulate, the third finds it corrected', () => {
  const r = dailyPenalty({
    originalFine: 230_000,
    productionRestrictedAt: null,
    rounds: [
      // Served 03-02; covert re-inspection 03-20: days 03-03 … 03-20 = 18.
      { orderServedAt: beijing('2026-03-02T10:00'), reinspectedAt: beijing('2026-03-20T15:00'), corrected: false },
      // New order served at that re-inspection; re-inspected 04-08: days 03-21 … 04-08 = 19.
      { orderServedAt: beijing('2026-03-20T16:00'), reinspectedAt: beijing('2026-04-08T10:00'), corrected: false },
      { orderServedAt: beijing('2026-04-08T11:00'), reinspectedAt: beijing('2026-04-20T10:00'), corrected: true },
    ],
  });
  assert.ok(r.ok);
  assert.deepEqual(r.value.rounds.map((x) => [x.days, x.amount, x.status]), [[18, 4_140_000, 'penalised'], [19, 4_370_000, 'penalised'], [0, 0, 'corrected']]);
  assert.equal(r.value.totalDays, 37);
  assert.equal(r.value.total, 8_510_000);
  assert.equal(r.value.stoppedBy, 'corrected');
  assert.match(r.value.rounds[0]!.explanation, /230000 yuan × 18 days .* 2026-03-02 .* 2026-03-20/);
});

void test('the re-inspection must fall within 30 days of service', () => {
  const served = beijing('2026-03-02T10:00');
  const onDay30 = dailyPenalty({ originalFine: 100_000, productionRestrictedAt: null, rounds: [{ orderServedAt: served, reinspectedAt: beijing('2026-04-01T18:00'), corrected: false }] });
  assert.ok(onDay30.ok && onDay30.value.total === 3_000_000);
  const day31 = dailyPenalty({ originalFine: 100_000, productionRestrictedAt: null, rounds: [{ orderServedAt: served, reinspectedAt: beijing('2026-04-02T09:00'), corrected: false }] });
  assert.ok(day31.ok);
  assert.equal(day31.value.total, 0);
  assert.equal(day31.value.rounds[0]!.status, 'recheck_late');
});

void test('rounds stop once production is restricted, suspended or sealed', () => {
  const r = dailyPenalty({
    originalFine: 100_000,
    productionRestrictedAt: beijing('2026-03-25T00:00'),
    rounds: [
      { orderServedAt: beijing('2026-03-02T10:00'), reinspectedAt: beijing('2026-03-12T10:00'), corrected: false },
      { orderServedAt: beijing('2026-03-12T11:00'), reinspectedAt: beijing('2026-03-30T10:00'), corrected: false },
      { orderServedAt: beijing('2026-03-30T11:00'), reinspectedAt: beijing('2026-04-10T10:00'), corrected: false },
    ],
  });
  assert.ok(r.ok);
  assert.deepEqual(r.value.rounds.map((x) => x.status), ['penalised', 'production_restricted', 'after_stop']);
  assert.equal(r.value.total, 1_000_000);
});

void test('bad input is a typed error', () => {
  const t = beijing('2026-03-02T10:00');
  const bad = [
    { originalFine: 0, productionRestrictedAt: null, rounds: [] },
    { originalFine: 1, productionRestrictedAt: null, rounds: [{ orderServedAt: t, reinspectedAt: t - 1, corrected: false }] },
    { originalFine: 1, productionRestrictedAt: null, rounds: [{ orderServedAt: t, reinspectedAt: t + 10, corrected: false }, { orderServedAt: t + 5, reinspectedAt: t + 20, corrected: false }] },
    { originalFine: 1, productionRestrictedAt: null, rounds: [{ orderServedAt: t, reinspectedAt: t + 10, corrected: true }, { orderServedAt: t + 10, reinspectedAt: t + 20, corrected: false }] },
    { originalFine: 1, productionRestrictedAt: null, rounds: [{ orderServedAt: Number.NaN, reinspectedAt: t, corrected: false }] },
  ];
  for (const input of bad) {
    const r = dailyPenalty(input);
    assert.ok(!r.ok);
    assert.equal(r.error.code, 'bad_input');
  }
});
