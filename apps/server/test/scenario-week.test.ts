// Issue 4 §9 proof: the simulator's problem scenarios over a simulated week at accelerated speed (no TCP:
// risk-scenario.ts runs one virtual logger per point and stores through the frame sink, closing every hour
// and day as the compliance runner does). Each injected problem must become the right warning on the right
// point inside the scenario's window, with evidence that holds up (times in the window, values, frames that
// exist); the points no scenario touched must raise none. SQLite only: the store-level parity of the same
// queries is covered by the store tests that run both dialects.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/platform/db/connect.ts';
import { openMigrated } from '../src/container.ts';
import { limitsInForce } from '../src/compliance/compliance.ts';
import { beijingDayStart } from '../src/compliance/compliance-day.ts';
import { runRiskScenario, type ScenarioResult } from '../src/risk/bench/risk-scenario.ts';

const HOUR = 3600_000;
const DAYS = 7;
/** A Beijing midnight, so the simulated days are whole Beijing days. */
const START = Date.UTC(2026, 10, 15, 16);

interface Evidence { times: number[]; values?: Array<number | null>; frameIds?: number[]; rule?: Record<string, unknown> }
interface WarningRow { id: number; point_id: number; kind: string; factor: string | null; period_from: number; period_to: number; evidence: Evidence }

let dir: string;
let database: Database;
let run: ScenarioResult;
let warnings: WarningRow[];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecoenforce-week-'));
  database = await openMigrated(`sqlite:${join(dir, 'week.db')}`);
  // 11 enterprises; the 2nd, 5th, 8th and 11th get exceedance, flat line, offline, treatment-off in turn,
  // each episode on a later simulated day (the seed gives even-numbered enterprises a meter logger).
  run = await runRiskScenario(database, { enterprises: 11, days: DAYS, every: 3, start: START, scenarios: ['exceedance', 'flatline', 'offline', 'treatment-off'] });
  warnings = (await database.db.selectFrom('warnings').select(['id', 'point_id', 'kind', 'factor', 'period_from', 'period_to', 'evidence']).orderBy('id').execute())
    .map((w) => ({ ...w, id: Number(w.id), point_id: Number(w.point_id), period_from: Number(w.period_from), period_to: Number(w.period_to), evidence: JSON.parse(w.evidence) as Evidence }));
});
after(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

const of = (scenario: string) => run.injected.filter((x) => x.scenario === scenario);
const describeW = (w: WarningRow) => `${w.kind}/${w.factor ?? '-'} on point ${w.point_id} ${new Date(w.period_from).toISOString()}–${new Date(w.period_to).toISOString()}`;

/** The evidence's times fall in the window (hour-aligned period starts may precede its first minute). */
function assertTimesIn(ev: Evidence, w: { from: number; to: number }, what: string): void {
  assert.ok(ev.times.length > 0, `${what}: evidence has times`);
  const from = w.from - (w.from % HOUR);
  for (const t of ev.times) assert.ok(t >= from && t < w.to, `${what}: evidence time ${new Date(t).toISOString()} outside the window`);
}

async function assertFramesExist(ev: Evidence, what: string): Promise<void> {
  const ids = ev.frameIds ?? [];
  assert.ok(ids.length > 0, `${what}: evidence cites frames`);
  const found = await database.db.selectFrom('raw_frames').select('id').where('id', 'in', ids).execute();
  assert.equal(found.length, new Set(ids).size, `${what}: every cited frame is in raw_frames`);
}

const overlaps = (w: WarningRow, win: { from: number; to: number }) => w.period_from < win.to && w.period_to > win.from;

void test('every scenario was dealt to a unit', () => {
  for (const s of ['exceedance', 'flatline', 'offline', 'treatment-off']) assert.ok(of(s).length > 0, `${s} injected`);
});

void test('exceedance: hourly limits see the spike, with values above the limit cited; daily limits judge the day\'s mean', async () => {
  const db = database.db;
  for (const x of of('exceedance')) {
    const win = x.plan.effects.exceedance!;
    const ws = warnings.filter((w) => w.point_id === x.pointId && w.kind === 'exceedance' && overlaps(w, win));
    const { outlet_id } = await db.selectFrom('monitoring_points').select('outlet_id').where('id', '=', x.pointId).executeTakeFirstOrThrow();
    const hourly = await limitsInForce(db, Number(outlet_id), win.from, 'hourly');
    if (hourly.size > 0) {
      // Flue gas: SO2 ≈ 300 and NOx ≈ 340 mg/m³ for three hours are far over any hourly limit.
      assert.ok(ws.length > 0, `exceedance warning on point ${x.pointId}`);
    } else {
      // Wastewater under daily limits (GB 8978, GB 18918): three hours of COD ≈ 260 mg/L lift the day's mean
      // only so far; a warning exactly when the stored daily value of a limited factor is over its limit.
      const day = beijingDayStart(win.from);
      const daily = await limitsInForce(db, Number(outlet_id), day, 'daily');
      assert.ok(daily.size > 0, `point ${x.pointId} has daily limits`);
      const values = await db.selectFrom('period_values').select(['factor', 'mean', 'status']).where('point_id', '=', x.pointId).where('period_kind', '=', 'day').where('period_start', '=', day).execute();
      const over = values.filter((v) => v.status === 'normal' && v.mean !== null && v.mean > (daily.get(v.factor)?.limit ?? Infinity)).map((v) => v.factor).sort();
      assert.ok(values.some((v) => daily.has(v.factor) && v.status === 'normal'), `the day of point ${x.pointId} was judged: ${JSON.stringify(values)}`);
      assert.deepEqual([...new Set(ws.map((w) => w.factor!))].sort(), over, `warnings on point ${x.pointId} for exactly the factors whose daily mean is over`);
    }
    for (const w of ws) {
      const times = w.evidence.times;
      const limit = Number(w.evidence.rule?.limit);
      assert.ok(Number.isFinite(limit) && limit > 0, `${describeW(w)}: the rule names its limit`);
      assert.ok(w.evidence.values!.length === times.length && w.evidence.values!.every((v) => v !== null && v > limit), `${describeW(w)}: ${JSON.stringify(w.evidence.values)} above ${limit}`);
      if (hourly.size > 0) assertTimesIn(w.evidence, win, describeW(w));
      await assertFramesExist(w.evidence, describeW(w));
    }
  }
});

void test('flat line: a flatline warning on the bent factor, its values constant', async () => {
  for (const x of of('flatline')) {
    const win = x.plan.effects.flatline!;
    const ws = warnings.filter((w) => w.point_id === x.pointId && w.kind === 'flatline' && w.factor === win.factor && overlaps(w, win));
    assert.ok(ws.length > 0, `flatline warning on point ${x.pointId} ${win.factor}`);
    for (const w of ws) {
      assertTimesIn(w.evidence, win, describeW(w));
      assert.ok(w.evidence.values!.length > 0 && new Set(w.evidence.values).size === 1, `${describeW(w)}: constant ${JSON.stringify(w.evidence.values?.slice(0, 5))}`);
      await assertFramesExist(w.evidence, describeW(w));
    }
  }
});

void test('treatment-off: a treatmentOff warning on the outlet analyser, citing the meter frames in the window', async () => {
  const bent = of('treatment-off');
  const pointsBent = new Set(bent.map((x) => x.pointId));
  const ws = warnings.filter((w) => w.kind === 'treatmentOff');
  assert.ok(ws.length > 0, 'a treatmentOff warning');
  for (const w of ws) {
    assert.ok(pointsBent.has(w.point_id), `${describeW(w)} is on a bent point`);
    const win = bent.find((x) => x.pointId === w.point_id)!.plan.effects.treatmentOff!;
    assert.ok(overlaps(w, win), `${describeW(w)} overlaps the window`);
    assertTimesIn(w.evidence, win, describeW(w));
    await assertFramesExist(w.evidence, describeW(w));
  }
});

void test('offline: the backfilled logger lost no data, so its point raises nothing', () => {
  // There is no offline warning kind on the stored data: the silence shows in the point's live status and in
  // the risk score's on-time transmission; once backfilled, the day's minutes are complete.
  const points = new Set(of('offline').map((x) => x.pointId));
  const ws = warnings.filter((w) => points.has(w.point_id));
  assert.deepEqual(ws.map(describeW), []);
});

void test('bent points raise only their own scenario\'s kind, and the clean points raise nothing', () => {
  // Treatment off raises the outlet's pollutants (that is what switching the abatement off does), so an
  // exceedance on its analyser inside the window is the true consequence, not a stray finding.
  const expected: Record<string, string[]> = { exceedance: ['exceedance'], flatline: ['flatline'], offline: [], 'treatment-off': ['treatmentOff', 'exceedance'] };
  const bent = new Map(run.injected.map((x) => [x.pointId, x.scenario]));
  const stray = warnings.filter((w) => {
    const s = bent.get(w.point_id);
    return s === undefined || !expected[s]!.includes(w.kind);
  });
  if (stray.length > 0) console.error(`stray warnings:\n${stray.map((w) => `  ${describeW(w)} [bent: ${bent.get(w.point_id) ?? 'clean'}] ${JSON.stringify(w.evidence).slice(0, 300)}`).join('\n')}`);
  assert.deepEqual(stray.map(describeW), []);
});
