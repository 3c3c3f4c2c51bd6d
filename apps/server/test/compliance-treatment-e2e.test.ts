// Issue 4 §5 and §9 in small, for the key fraud signal: the demo province (whose seed gives some enterprises
// a meter data logger) streams over TCP at 600× with the treatment-off scenario. When the Beijing day closes,
// the treatment meter that fell to standby power while production ran becomes a treatmentOff warning on the
// outlet it serves, citing the meter frames and the outlet's rising concentrations; the other enterprises'
// meters raise none.
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
import { WINDOWS } from '../src/simulator/scenarios.ts';
import { eventually } from './gateway-fixtures.ts';

void test('the treatment-off scenario becomes a warning with the meter evidence; clean enterprises raise none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecoenforce-toff-'));
  const url = `sqlite:${join(dir, 't.db')}`;
  const database = await openMigrated(url);
  await seedDemoProvince(database, { enterprises: 12 });
  const points = await pointsRepository(database.db).listActive();
  const db = database.db;
  const meterLoggers = await db.selectFrom('meters').select('point_id').distinct().execute();
  assert.ok(meterLoggers.length >= 2, `the seed gives several enterprises meters (${meterLoggers.length})`);
  const speed = 600;
  const start = Date.UTC(2026, 10, 28, 12); // 20:00 Beijing: the day closes four simulated hours later
  const realStart = Date.now();
  const simNow = (): number => start + (Date.now() - realStart) * speed;
  const server = await startServer(loadConfig(['--db', url, '--port', '0', '--metrics-port=-1', '--http-port=-1'], {}).config, database, { now: simNow });
  const lines: string[] = [];
  const sim = startSimulator({ devices: devicesFromPoints(points), host: '127.0.0.1', port: server.gateway.port, speed, start, scenarios: ['treatment-off'], hostClock: 'simulated', log: (l) => lines.push(l) });
  try {
    const m = /treatment-off: (\S+) (\S+) at standby power, (\S+) pollutants rise/.exec(lines.join('\n'));
    assert.ok(m !== null, `the scenario names its meter logger and outlet: ${lines.join(' | ')}`);
    const meterPoint = points.find((p) => p.mn === m[1])!;
    const outletPoint = points.find((p) => p.mn === m[3])!;
    assert.equal(meterPoint.outletId, outletPoint.outletId, 'the meter logger serves that outlet');
    await eventually(
      async () => (await db.selectFrom('warnings').select('id').where('kind', '=', 'treatmentOff').execute()).length > 0,
      'a treatment-off warning',
      90_000,
    );
    // Let the runner finish closing every point's day before judging the others.
    await server.compliance.tick();
    const all = await db.selectFrom('warnings').selectAll().where('kind', '=', 'treatmentOff').execute();
    assert.deepEqual(all.map((w) => [w.point_id, w.factor, w.severity]), [[outletPoint.id, m[2], 'high']], 'one warning, at the scenario outlet only');
    const w = all[0]!;
    assert.ok(w.period_from >= start + WINDOWS.treatmentOff.from && w.period_to <= start + WINDOWS.treatmentOff.to + 60_000, 'inside the scenario window');
    assert.ok(w.period_to - w.period_from >= 2 * 3600_000, 'most of the three-hour window');
    const ev = JSON.parse(w.evidence) as { times: number[]; values: number[]; frameIds: number[]; rule: { offBelowKw: number; productionKw: number[]; outletHours: Array<{ factor: string; hourStart: number; mean: number }> } };
    assert.ok(ev.values.every((v) => v < ev.rule.offBelowKw) && ev.rule.productionKw.every((kw) => kw > 0));
    const frames = await db.selectFrom('raw_frames').select(['point_id', 'cn']).where('id', 'in', ev.frameIds).execute();
    assert.ok(frames.length >= 100 && frames.every((f) => f.point_id === meterPoint.id && f.cn === '2051'), `the meter logger's minute frames are cited (${frames.length})`);
    const so2 = ev.rule.outletHours.filter((h) => h.factor === 'a21026');
    const first = so2.find((h) => h.hourStart === start)?.mean ?? NaN;
    const deep = so2.find((h) => h.hourStart === start + 2 * 3600_000)?.mean ?? NaN;
    assert.ok(deep > 1.5 * first, `SO2 rose with treatment off (${first} → ${deep})`);
  } finally {
    await sim.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
