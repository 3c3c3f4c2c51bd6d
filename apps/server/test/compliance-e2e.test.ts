// Issue 4 §9 in small: the demo province streams over TCP at 600× with the exceedance scenario; the hours
// of the air outlet that the scenario drives over its limit are closed on the platform clock and become an
// exceedance warning with evidence, while the other points, streaming clean data, raise none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openMigrated, startServer } from '../src/container.ts';
import { pointsRepository } from '../src/monitoring/repositories/points.ts';
import { seedDemoProvince } from '../src/seed/demo-province.ts';
import { devicesFromPoints, startSimulator } from '../src/simulator/index.ts';
import { eventually } from './gateway-fixtures.ts';

void test('the exceedance and flat-line scenarios become warnings with evidence; clean points raise none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-ce2e-'));
  const url = `sqlite:${join(dir, 'c.db')}`;
  const database = await openMigrated(url);
  await seedDemoProvince(database, { enterprises: 12 });
  const points = await pointsRepository(database.db).listActive();
  const speed = 600;
  const start = Date.UTC(2026, 10, 28, 1, 0); // 09:00 Beijing
  const realStart = Date.now();
  const simNow = (): number => start + (Date.now() - realStart) * speed;
  const server = await startServer(loadConfig(['--db', url, '--port', '0', '--metrics-port=-1', '--http-port=-1'], {}).config, database, { now: simNow });
  const lines: string[] = [];
  const sim = startSimulator({ devices: devicesFromPoints(points), host: '127.0.0.1', port: server.gateway.port, speed, start, scenarios: ['exceedance', 'flatline'], hostClock: 'simulated', log: (l) => lines.push(l) });
  try {
    const mn = /exceedance: (\S+) SO2/.exec(lines.join('\n'))?.[1];
    assert.ok(mn !== undefined, `the scenario names its air point: ${lines.join(' | ')}`);
    const point = points.find((p) => p.mn === mn)!;
    const db = database.db;
    await eventually(
      async () => (await db.selectFrom('warnings').select('id').where('point_id', '=', point.id).where('kind', '=', 'exceedance').execute()).length > 0,
      'an exceedance warning at the scenario point',
      90_000,
    );
    const w = await db.selectFrom('warnings').selectAll().where('point_id', '=', point.id).executeTakeFirstOrThrow();
    assert.ok(w.factor === 'a21026' || w.factor === 'a21002', `factor ${w.factor}`);
    const ev = JSON.parse(w.evidence) as { times: number[]; values: number[]; frameIds: number[]; rule: { limit: number } };
    assert.ok(ev.values.every((v) => v > ev.rule.limit), 'every hour in the evidence is over the limit');
    assert.ok(ev.frameIds.length >= 45, 'the minute frames behind the hour are cited');
    const scenarioStart = start + 30 * 60_000;
    assert.ok(w.period_from >= scenarioStart - 3600_000, 'no warning before the scenario began');
    // The flat line: a whole hour of one constant value at the scenario's point.
    const flatMn = /flatline: (\S+) (\S+) constant/.exec(lines.join('\n'));
    assert.ok(flatMn !== null, 'the scenario names its flat-line point');
    const flatPoint = points.find((p) => p.mn === flatMn[1])!;
    await eventually(
      async () => (await db.selectFrom('warnings').select('id').where('point_id', '=', flatPoint.id).where('kind', '=', 'flatline').execute()).length > 0,
      'a flat-line warning at the scenario point',
      90_000,
    );
    const flat = await db.selectFrom('warnings').selectAll().where('point_id', '=', flatPoint.id).where('kind', '=', 'flatline').executeTakeFirstOrThrow();
    assert.equal(flat.factor, flatMn[2]);
    const flatEv = JSON.parse(flat.evidence) as { times: number[]; values: number[] };
    assert.ok(flatEv.times.length >= 60 && new Set(flatEv.values).size === 1, 'an hour of one value');
    const otherFlat = await db.selectFrom('warnings').select('point_id').where('kind', '=', 'flatline').where('point_id', '!=', flatPoint.id).execute();
    assert.deepEqual(otherFlat, [], 'noisy clean data raise no flat line');
    // Points without a scenario stream values within their limits: no exceedance anywhere else.
    const others = await db.selectFrom('warnings').select(['point_id', 'factor']).where('kind', '=', 'exceedance').where('point_id', '!=', point.id).execute();
    const water = /exceedance: (\S+) COD/.exec(lines.join('\n'))?.[1];
    const waterId = points.find((p) => p.mn === water)?.id;
    assert.deepEqual(others.filter((o) => o.point_id !== waterId), [], 'clean air points raise no exceedance');
  } finally {
    await sim.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
