// Micro-benchmark of the durable sink: frames/s for batches of 500 realistic 2051 minute frames (10
// flue-gas factors, ≈780 bytes), and bytes on disk per stored frame (raw frame + reading + indexes).
//   node --import tsx apps/server/src/monitoring/repositories/frame-sink.bench.ts [--frames N] [--points N] [--pg URL|--no-pg]
// The PostgreSQL run uses a throw-away schema in the given database (default postgres://root@127.0.0.1/test).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import type { FactorValues } from '@ecoenforce/hj212';
import { openDatabase, type Database } from '../../platform/db/connect.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { seedBenchPoints } from '../../seed/demo-province.ts';
import { pointsRepository } from './points.ts';
import { createFrameSink } from './frame-sink.ts';
import { readingsRepository } from './readings.ts';
import type { AcceptedFrame } from '../gateway/sink.ts';

const { values } = parseArgs({
  options: { frames: { type: 'string' }, points: { type: 'string' }, batch: { type: 'string' }, pg: { type: 'string' }, 'no-pg': { type: 'boolean' } },
});
const FRAMES = Number(values.frames ?? 200_000);
const POINTS = Number(values.points ?? 2000);
const BATCH = Number(values.batch ?? 500);
const PG_URL = values.pg ?? 'postgres://root@127.0.0.1:5432/test';

const CODES = ['a21026', 'a21002', 'a34013', 'a19001', 'a01011', 'a01012', 'a01013', 'a01014', 'a00000', 'a21005'];
const T0 = Date.UTC(2026, 10, 1, 16, 0, 0);

function beijing(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

/** The k-th minute frame of a point: what a logger sends for CN=2051. */
function minuteFrame(pointId: number, mn: string, minute: number): AcceptedFrame {
  const dataTime = T0 + minute * 60_000;
  const factors: FactorValues[] = CODES.map((code, i) => {
    const avg = Math.round((20 + ((pointId * 31 + minute * 7 + i * 13) % 500) / 10) * 1000) / 1000;
    const f: FactorValues = { code, code2017: code, min: Math.round((avg - 1.234) * 1000) / 1000, avg, max: Math.round((avg + 2.345) * 1000) / 1000, flag: 'N' };
    if (i < 2) f.zsAvg = Math.round(avg * 1.1 * 1000) / 1000;
    return f;
  });
  const cp = factors
    .map((f) => {
      const parts = [`${f.code}-Min=${f.min}`, `${f.code}-Avg=${f.avg}`, `${f.code}-Max=${f.max}`];
      if (f.zsAvg !== undefined) parts.push(`${f.code}-ZsAvg=${f.zsAvg}`);
      parts.push(`${f.code}-Flag=N`);
      return parts.join(',');
    })
    .join(';');
  const qn = `${beijing(dataTime + 5000)}000`;
  const seg = `QN=${qn};ST=31;CN=2051;PW=123456;MN=${mn};Flag=5;CP=&&DataTime=${beijing(dataTime)};${cp}&&`;
  const bytes = Buffer.from(`##${String(seg.length).padStart(4, '0')}${seg}1A2B\r\n`, 'latin1');
  return { pointId, mn, receivedAt: dataTime + 5000, peer: '10.1.2.3:40000', bytes, cn: '2051', qn, version: '2017', crcVariant: 'hj212', dataTime, periodKind: 'min', factors };
}

async function run(name: string, database: Database, size: () => Promise<number>): Promise<void> {
  await migrateToLatest(database);
  await seedBenchPoints(database, POINTS);
  const points = (await pointsRepository(database.db).listActive()).filter((p) => p.mn.startsWith('BENCH')).slice(0, POINTS);
  const sink = createFrameSink(database);
  // Pre-build the frames so the figure is the sink's, not the generator's.
  const frames: AcceptedFrame[] = [];
  for (let i = 0; i < FRAMES; i++) {
    const p = points[i % points.length];
    if (p !== undefined) frames.push(minuteFrame(p.id, p.mn, Math.floor(i / points.length)));
  }
  const avgBytes = frames.reduce((s, f) => s + f.bytes.length, 0) / frames.length;
  const before = await size();
  const t0 = process.hrtime.bigint();
  let stored = 0;
  for (let i = 0; i < frames.length; i += BATCH) stored += (await sink.write(frames.slice(i, i + BATCH), [])).framesStored;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  // Retransmission of one whole batch: must store nothing.
  const again = await sink.write(frames.slice(0, BATCH), []);
  const after = await size();
  // Series reads (the dashboard's query): every minute of 20 points, decoded.
  const r0 = process.hrtime.bigint();
  let periods = 0;
  for (const p of points.slice(0, 20)) for await (const _ of readingsRepository(database.db).stream({ pointId: p.id, periodKind: 'min' })) periods++;
  const readUs = Number(process.hrtime.bigint() - r0) / 1000 / Math.max(periods, 1);
  console.log(
    `${name.padEnd(8)} ${stored} frames (${avgBytes.toFixed(0)} B each) in batches of ${BATCH}: ${(stored / secs).toFixed(0)} frames/s ` +
      `(${((secs * 1000) / (stored / BATCH)).toFixed(1)} ms per batch); retransmitted batch stored ${again.framesStored}; ` +
      `${((after - before) / stored).toFixed(0)} bytes on disk per frame; series read ${readUs.toFixed(1)} µs per period`,
  );
  await sink.close();
}

const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-bench-'));
try {
  const file = join(dir, 'bench.db');
  const lite = await openDatabase(`sqlite:${file}`);
  if (lite.kind === 'sqlite') {
    const handle = lite.sqlite;
    await run('sqlite', lite, () => {
      handle.pragma('wal_checkpoint(TRUNCATE)');
      return Promise.resolve(statSync(file).size);
    });
  }
  await lite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (values['no-pg'] !== true) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL, user: 'root' });
  await admin.connect();
  // The schema name is generated here from hex digits; identifiers cannot be bound as parameters.
  await admin.query(`create schema ${schema}`);
  try {
    const database = await openDatabase(`${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
    await run('postgres', database, async () => {
      const r = await sql<{ n: number | string }>`select coalesce(sum(pg_total_relation_size(c.oid)), 0) as n from pg_class c
        join pg_namespace s on s.oid = c.relnamespace where s.nspname = ${schema} and c.relkind = 'r'`.execute(database.db);
      return Number(r.rows[0]?.n ?? 0);
    });
    await database.close();
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
