// Benchmark of closing an hour (issue 4 §9): P points, each with 60 stored minute frames of 8 flue-gas
// factors, an hourly permit limit and instrument ranges, closed on SQLite with the hourly detectors
// (validity, O2 conversion, upserts, exceedance, flat line, pinned at range, zero while flowing, O2
// dilution, warnings and their audit rows). `--mode runner` (the default) closes as the server does: the
// runner's tick, batches of `--batch` pairs planned on a worker thread and written on the main thread;
// `--mode batch` calls closeHours batch after batch on one thread; `--mode single` closes point by point
// (closeHour then detectHour), the way the runner did before batches.
// Prints one JSON line: seconds, ms per point and the figure for a province of 9,329 points.
//   node --import tsx apps/server/src/compliance/bench/compliance.bench.ts [--points N] [--mode runner|batch|single] [--batch 250] [--worker never] [--threads N] [--every-point-exceeds]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openMigrated } from '../../container.ts';
import { ComplianceRunner } from '../jobs/compliance-runner.ts';
import { createFrameSink } from '../../monitoring/repositories/frame-sink.ts';
import { planHours, writeHours } from '../close-batch.ts';
import { benchFrame, BENCH_CODES, seedBenchProvince } from './bench-data.ts';
import { closeHour, HOUR } from '../compliance.ts';
import { detectHour } from '../detect-hour.ts';

const { values } = parseArgs({ options: { points: { type: 'string' }, mode: { type: 'string' }, batch: { type: 'string' }, 'every-point-exceeds': { type: 'boolean' }, profile: { type: 'string' }, worker: { type: 'string' }, threads: { type: 'string' } } });
const POINTS = Number(values.points ?? 2000);
const MODE = values.mode ?? 'runner';
const BATCH = Number(values.batch ?? 250);
const PROVINCE = 9329;
const H0 = Date.UTC(2026, 10, 28, 2);

const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-cbench-'));
const database = await openMigrated(`sqlite:${join(dir, 'c.db')}`);
try {
  const points = await seedBenchProvince(database, POINTS, H0 + 365 * 24 * HOUR, values['every-point-exceeds'] === true);
  const sink = createFrameSink(database);
  for (let m = 0; m < 60; m++) for (let i = 0; i < points.length; i += 500) await sink.write(points.slice(i, i + 500).map((p) => benchFrame(p, H0 + m * 60_000)), []);
  const db = database.db;
  const now = H0 + HOUR + 2 * 60_000;
  let warnings = 0;
  let created = 0;
  let planMs = 0;
  let writeMs = 0;
  // As the server does it: the runner's tick at the hour's end, planning on a worker thread. The worker is
  // started by an untimed tick over the hour before (no data), as a running server started it hours ago.
  const runner = MODE !== 'runner' ? null : new ComplianceRunner(db, () => now, { batchSize: BATCH, planInWorker: values.worker === 'never' ? 'never' : 'auto', ...(values.threads === undefined ? {} : { plannerThreads: Number(values.threads) }), onWarnings: (_p, ws) => {
    warnings += ws.length;
    created += ws.filter((w) => w.created).length;
  } });
  if (runner !== null) {
    for (const p of points) runner.reclose(p.id, H0 - HOUR, H0);
    await runner.tick();
    for (const p of points) runner.reclose(p.id, H0, H0 + HOUR);
  }
  // --profile FILE: a CPU profile of the closing alone (not the seeding), for Chrome DevTools.
  const session = values.profile === undefined ? null : new Session();
  if (session !== null) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  if (MODE === 'single') {
    for (const p of points) {
      const r = [...(await closeHour(db, p.id, H0, now)).warnings, ...(await detectHour(db, p.id, H0, now))];
      warnings += r.length;
      created += r.filter((w) => w.created).length;
    }
  } else if (MODE === 'runner') {
    await runner!.tick();
    await runner!.stop();
  } else {
    // One thread: reading and computing (planHours), then writing (writeHours), timed apart.
    for (let i = 0; i < points.length; i += BATCH) {
      let t = performance.now();
      const plans = await planHours(db, points.slice(i, i + BATCH).map((p) => ({ pointId: p.id, hourStart: H0 })), true);
      planMs += performance.now() - t;
      t = performance.now();
      for (const r of await writeHours(db, plans, now)) {
        const all = [...r.close.warnings, ...r.detected];
        warnings += all.length;
        created += all.filter((w) => w.created).length;
      }
      writeMs += performance.now() - t;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  // CPU of this process (main thread and worker together): less sensitive than wall time to other work on the machine.
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (session !== null) writeFileSync(values.profile!, JSON.stringify((await session.post('Profiler.stop')).profile));
  const perPoint = (seconds * 1000) / points.length;
  const kinds = await db.selectFrom('warnings').select('kind').select((eb) => eb.fn.countAll<number>().as('n')).groupBy('kind').execute();
  console.log(JSON.stringify({
    part: 'close-hour', mode: MODE, plannerThreads: MODE === 'runner' && values.worker !== 'never' ? (values.threads ?? 'default') : 0, batch: MODE === 'single' ? 1 : BATCH, points: points.length, factors: BENCH_CODES.length, minutes: 60, seconds: Number(seconds.toFixed(3)), cpuSeconds: Number(cpuSeconds.toFixed(3)),
    msPerPoint: Number(perPoint.toFixed(3)), ...(MODE === 'batch' ? { planMsPerPoint: Number((planMs / points.length).toFixed(3)), writeMsPerPoint: Number((writeMs / points.length).toFixed(3)) } : {}), provincePoints: PROVINCE, provinceSeconds: Number(((perPoint * PROVINCE) / 1000).toFixed(2)), warnings, created,
    byKind: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])), everyPointExceeds: values['every-point-exceeds'] === true,
  }));
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
