// Benchmark of closing a Beijing day (issue 4 §2 and §9: at midnight every point of a province has a day to
// close): P flue-gas points of the bench province, each with 1,440 stored minute frames of 8 factors, closed on
// SQLite with the day-level detectors (transmission, flag share, the logger's own values, late data), the day's
// emitted mass and the month's recomputation. `--mode batch` (the default) closes as the runner does, closeDays
// over batches of `--batch` pairs on one thread; `--mode single` point by point (closeDay), as before batches.
// A province's day is 9,329 × 1,440 minute rows — seeding that for every run would take longer than the close
// itself, so a fraction of the points is closed and the figure for the province extrapolated (per-point cost ×
// 9,329), which the output says. Prints one JSON line.
//   node --import tsx apps/server/src/compliance/bench/compliance-day.bench.ts [--points N] [--mode batch|single] [--batch 50]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openMigrated } from '../../container.ts';
import { createFrameSink } from '../../monitoring/repositories/frame-sink.ts';
import { closeDays } from '../close-day-batch.ts';
import { benchFrame, BENCH_CODES, seedBenchProvince } from './bench-data.ts';
import { beijingDayStart, closeDay, DAY } from '../compliance-day.ts';

const { values } = parseArgs({ options: { points: { type: 'string' }, mode: { type: 'string' }, batch: { type: 'string' } } });
const POINTS = Number(values.points ?? 300);
const MODE = values.mode ?? 'batch';
const BATCH = Number(values.batch ?? 50);
const PROVINCE = 9329;
const D0 = beijingDayStart(Date.UTC(2026, 10, 28, 2));

const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-dbench-'));
const database = await openMigrated(`sqlite:${join(dir, 'd.db')}`);
try {
  const points = await seedBenchProvince(database, POINTS, D0 + 400 * DAY);
  const sink = createFrameSink(database);
  for (let m = 0; m < 1440; m++) for (let i = 0; i < points.length; i += 500) await sink.write(points.slice(i, i + 500).map((p) => benchFrame(p, D0 + m * 60_000)), []);
  const db = database.db;
  const now = D0 + DAY + 2 * 60_000;
  let warnings = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (MODE === 'single') {
    for (const p of points) warnings += (await closeDay(db, p.id, D0, now)).warnings.length;
  } else {
    for (let i = 0; i < points.length; i += BATCH) {
      for (const r of await closeDays(db, points.slice(i, i + BATCH).map((p) => ({ pointId: p.id, dayStart: D0 })), now)) warnings += r.warnings.length;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const perPoint = (seconds * 1000) / points.length;
  const months = await db.selectFrom('compliance_months').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(JSON.stringify({
    part: 'close-day', mode: MODE, batch: MODE === 'single' ? 1 : BATCH, points: points.length, factors: BENCH_CODES.length, minutes: 1440, seconds: Number(seconds.toFixed(3)),
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)), msPerPoint: Number(perPoint.toFixed(3)), provincePoints: PROVINCE,
    provinceSeconds: Number(((perPoint * PROVINCE) / 1000).toFixed(1)), extrapolated: points.length < PROVINCE, warnings, monthRows: Number(months.n),
  }));
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
