// Replay of a simulated province-week at full speed (issue 4 §9), and the store's size per point-day. P bench
// points send a minute frame each (8 factors) for 7 days; hour by hour the frames are stored in batches of
// 500 (the gateway's group commits under load), and handed to the compliance runner, whose tick then closes the
// hour (values, exceedance, the hourly detectors, warnings) and, past Beijing midnight, the day. Prints the
// time spent storing and closing, point-hours per second, and the growth of the SQLite file (after a
// checkpoint) per point-day, by table.
//   node --import tsx apps/server/src/compliance/bench/compliance-replay.bench.ts [--points N] [--days D]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openMigrated } from '../../container.ts';
import { ComplianceRunner } from '../jobs/compliance-runner.ts';
import { createFrameSink } from '../../monitoring/repositories/frame-sink.ts';
import { benchFrame, seedBenchProvince } from './bench-data.ts';
import { HOUR } from '../compliance.ts';

const { values } = parseArgs({ options: { points: { type: 'string' }, days: { type: 'string' } } });
const POINTS = Number(values.points ?? 250);
const DAYS = Number(values.days ?? 7);
const PROVINCE = 9329;
// Beijing midnight, so the week is seven whole Beijing days.
const START = Date.UTC(2026, 10, 22, 16);
const GRACE = 2 * 60_000;

const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-rbench-'));
const file = join(dir, 'r.db');
const database = await openMigrated(`sqlite:${file}`);
if (database.kind !== 'sqlite') throw new Error('sqlite only');
const size = (): number => {
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
};
const tables = (): Map<string, number> => {
  const rows = database.sqlite.prepare(`select name, sum(pgsize) as bytes from dbstat group by name`).all() as Array<{ name: string; bytes: number }>;
  return new Map(rows.map((r) => [r.name, r.bytes]));
};
try {
  const points = await seedBenchProvince(database, POINTS, START + 400 * 24 * HOUR);
  const clock = { now: START };
  let warnings = 0;
  const runner = new ComplianceRunner(database.db, () => clock.now, { graceMs: GRACE, onWarnings: (_p, ws) => (warnings += ws.filter((w) => w.created).length) });
  const sink = createFrameSink(database);
  const before = size();
  const tablesBefore = tables();
  let storeMs = 0;
  let closeMs = 0;
  let frames = 0;
  const t0 = performance.now();
  for (let h = 0; h < DAYS * 24; h++) {
    const hour = START + h * HOUR;
    let t = performance.now();
    const all = Array.from({ length: 60 }, (_, m) => points.map((p) => benchFrame(p, hour + m * 60_000))).flat();
    for (let i = 0; i < all.length; i += 500) {
      const batch = all.slice(i, i + 500);
      await sink.write(batch, []);
      runner.framesStored(batch);
      frames += batch.length;
    }
    storeMs += performance.now() - t;
    clock.now = hour + HOUR + GRACE;
    t = performance.now();
    await runner.tick();
    closeMs += performance.now() - t;
  }
  const totalS = (performance.now() - t0) / 1000;
  await runner.stop();
  const grown = size() - before;
  const tablesAfter = tables();
  const pointDays = POINTS * DAYS;
  const byTable: Record<string, number> = {};
  for (const [name, bytes] of tablesAfter) {
    const d = bytes - (tablesBefore.get(name) ?? 0);
    if (d > 0) byTable[name] = Math.round(d / pointDays);
  }
  const pointHours = POINTS * DAYS * 24;
  const rate = pointHours / totalS;
  console.log(JSON.stringify({
    part: 'replay', points: POINTS, days: DAYS, frames, simulatedHours: DAYS * 24, seconds: Number(totalS.toFixed(1)), storeSeconds: Number((storeMs / 1000).toFixed(1)),
    closeSeconds: Number((closeMs / 1000).toFixed(1)), pointHoursPerSecond: Math.round(rate), closePointHoursPerSecond: Math.round(pointHours / (closeMs / 1000)),
    provinceWeekMinutes: Number(((PROVINCE * 7 * 24) / rate / 60).toFixed(1)), warningsCreated: warnings, closedHours: runner.closed,
    bytesPerPointDay: Math.round(grown / pointDays), frameBytes: benchFrame(points[0]!, START).bytes.length, bytesPerPointDayByTable: byTable,
  }));
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
