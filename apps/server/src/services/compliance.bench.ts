// Benchmark of closing an hour (issue 4 §9): P points, each with 60 stored minute frames of 8 flue-gas
// factors and an hourly permit limit, closed one after another on SQLite (aggregation, validity, O2
// conversion, upserts, exceedance judgement). Prints ms per point and the figure extrapolated to a
// province of 9,329 points.
//   node --import tsx apps/server/src/services/compliance.bench.ts [--points N]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FactorValues } from '@ecoenforce/hj212';
import { openMigrated } from '../container.ts';
import { createFrameSink } from '../repositories/frame-sink.ts';
import { pointsRepository } from '../repositories/points.ts';
import { seedBenchPoints } from '../seed/demo-province.ts';
import type { AcceptedFrame } from '../ingest/sink.ts';
import { closeHour, HOUR } from './compliance.ts';

const { values } = parseArgs({ options: { points: { type: 'string' } } });
const POINTS = Number(values.points ?? 1000);
const PROVINCE = 9329;
const CODES = ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a00000', 'a21005'];
const H0 = Date.UTC(2026, 10, 28, 2);

function frame(pointId: number, mn: string, minute: number): AcceptedFrame {
  const t = H0 + minute * 60_000;
  const factors: FactorValues[] = CODES.map((code, i) => ({ code, code2017: code, min: 10 + i, avg: 12 + i + (minute % 5), max: 15 + i, flag: 'N' }));
  return { pointId, mn, receivedAt: t + 5000, peer: '10.0.0.1:1', bytes: Buffer.from(`##0000bench ${mn} ${minute}`), cn: '2051', qn: null, version: '2017', crcVariant: 'hj212', dataTime: t, periodKind: 'min', factors };
}

const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-cbench-'));
const file = join(dir, 'c.db');
const database = await openMigrated(`sqlite:${file}`);
try {
  await seedBenchPoints(database, POINTS);
  const db = database.db;
  const points = (await pointsRepository(db).listActive()).filter((p) => p.mn.startsWith('BENCH')).slice(0, POINTS);
  // One permit with hourly limits for the bench outlet (all bench points share it).
  const outlet = await db.selectFrom('outlets').select(['id', 'enterprise_id']).executeTakeFirstOrThrow();
  const permit = await db
    .insertInto('permits')
    .values({ enterprise_id: outlet.enterprise_id, number: 'BENCH-PERMIT', issued_at: 0, valid_from: 0, valid_to: H0 + 365 * 24 * HOUR, issuer: 'bench', status: 'valid' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [factor, limit] of [['a21026', 35], ['a21002', 50], ['a34013', 10]] as const) {
    await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: outlet.id, factor, limit_value: limit, unit: 'mg/m3', basis: 'hourly', reference_o2: 6, annual_quantity_t: null, standard: null, note: null }).execute();
  }
  const sink = createFrameSink(database);
  for (let m = 0; m < 60; m++) await sink.write(points.map((p) => frame(p.id, p.mn, m)), []);
  const sizeBefore = statSync(file).size;
  const t0 = performance.now();
  let warnings = 0;
  for (const p of points) warnings += (await closeHour(db, p.id, H0, H0 + 2 * HOUR)).warnings.length;
  const seconds = (performance.now() - t0) / 1000;
  const perPoint = (seconds * 1000) / points.length;
  console.log(
    `close one hour, SQLite: ${points.length} points × 60 minutes × ${CODES.length} factors in ${seconds.toFixed(2)} s = ${perPoint.toFixed(2)} ms per point; ` +
      `a province of ${PROVINCE} points ≈ ${((perPoint * PROVINCE) / 1000).toFixed(1)} s; ${warnings} warnings; period_values ${(statSync(file).size - sizeBefore) / points.length | 0} B per point-hour`,
  );
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
