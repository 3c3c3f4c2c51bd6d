// Reliability: kill -9 the gateway process while loggers stream with the A bit set, restart it on the same
// database and port; every acknowledged frame is stored exactly once, and the frames in flight at the kill
// arrive when the loggers retransmit them (no hole in any logger's minute series).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBeijingTime } from '@ecoenforce/hj212';
import { openMigrated } from '../src/container.ts';
import { openDatabase } from '../src/db/connect.ts';
import { FLUE_GAS_FACTORS, benchMn, seedBenchPoints } from '../src/seed/demo-province.ts';
import { startSimulator, type DeviceSpec } from '../src/simulator/index.ts';

const BIN = fileURLToPath(new URL('../bin/ecoenforce.js', import.meta.url));
const DEVICES = 8;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Starts `ecoenforce serve` and resolves once it prints that it is listening. */
function serve(url: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--db', url, '--port', String(port), '--metrics-port=-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('"event":"listening"')) resolve(child);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function until(ok: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

void test('kill -9 mid-stream: every acknowledged frame stored exactly once, in-flight frames arrive on retransmission', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-kill9-'));
  const url = `sqlite:${join(dir, 'kill9.db')}`;
  const setup = await openMigrated(url);
  await seedBenchPoints(setup, DEVICES);
  await setup.close();
  const devices: DeviceSpec[] = Array.from({ length: DEVICES }, (_, i) => ({
    mn: benchMn(i + 1), pw: '123456', kind: 'air', factors: [...FLUE_GAS_FACTORS], st: '31', seed: i + 1,
  }));
  const port = await freePort();
  const acked = new Map<string, string>(); // `${mn}/${qn}` → DataTime (Beijing, 14 digits)
  let child = await serve(url, port);
  const sim = startSimulator({
    devices, host: '127.0.0.1', port, scenarios: ['load'], window: 8, overTimeMs: 500,
    start: Date.UTC(2026, 10, 1, 16, 0, 0),
    onAck: (mn, qn, bytes) => {
      const dataTime = /DataTime=(\d{14})/.exec(Buffer.from(bytes).toString('latin1'))?.[1] ?? '';
      acked.set(`${mn}/${qn}`, dataTime);
    },
  });
  try {
    await until(() => acked.size >= 400, 'acks before the kill');
    child.kill('SIGKILL');
    await exited(child);
    const inFlight = sim.unacked();
    const ackedAtKill = acked.size;
    assert.ok(inFlight > 0, 'frames were in flight when the gateway died');

    child = await serve(url, port);
    await until(() => acked.size >= ackedAtKill + 400, 'acks after the restart');
    await sim.stop();
    child.kill('SIGTERM');
    await exited(child);
    assert.equal(child.exitCode, 0, 'graceful stop after SIGTERM');

    const db = await openDatabase(url);
    try {
      const frames = await db.db
        .selectFrom('raw_frames')
        .select(['mn', 'data_time', 'qn'])
        .where('verdict', '=', 'accepted')
        .where('cn', '=', '2051')
        .execute();
      // A frame is identified by MN and QN (a retransmission repeats both; the parts of a subpacketed
      // minute have a QN each).
      const perFrame = new Map<string, number>();
      for (const f of frames) perFrame.set(`${f.mn}/${f.qn}`, (perFrame.get(`${f.mn}/${f.qn}`) ?? 0) + 1);
      const readings = await db.db
        .selectFrom('readings')
        .innerJoin('monitoring_points', 'monitoring_points.id', 'readings.point_id')
        .select(['monitoring_points.mn', 'readings.period_start'])
        .where('readings.period_kind', '=', 'min')
        .execute();
      const readingKeys = new Set(readings.map((r) => `${r.mn}/${r.period_start}`));
      assert.equal(readingKeys.size, readings.length, 'one reading per point and minute');

      assert.equal([...perFrame.values()].filter((n) => n !== 1).length, 0, 'no frame stored twice');
      for (const [key, dataTime] of acked) {
        const mn = key.slice(0, key.indexOf('/'));
        const t = parseBeijingTime(dataTime);
        assert.equal(perFrame.get(key), 1, `acked ${key} (${dataTime}) stored exactly once as a raw frame`);
        assert.ok(readingKeys.has(`${mn}/${t}`), `acked ${key} (${dataTime}) has its reading`);
      }
      // No hole: each logger's minutes are contiguous up to the last stored one, so whatever was in flight
      // at the kill was retransmitted and stored.
      for (const d of devices) {
        const times = [...new Set(frames.filter((f) => f.mn === d.mn).map((f) => Number(f.data_time)))].sort((a, b) => a - b);
        assert.ok(times.length > 0);
        for (let i = 1; i < times.length; i++) {
          assert.equal(times[i]! - times[i - 1]!, 60_000, `${d.mn}: minute ${new Date(times[i - 1]! + 60_000).toISOString()} missing`);
        }
      }
    } finally {
      await db.close();
    }
  } finally {
    await sim.stop();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
