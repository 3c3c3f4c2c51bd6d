// Issue 4 §5, the meter-feed path: electricity readings pushed as JSON by a monitoring platform over real HTTP
// (POST /api/meter-feed, an API token an admin created through the API). A fed enterprise whose treatment
// meter falls to standby while production runs yields one treatmentOff warning citing the feed's readings;
// the other fed enterprises yield none. Malformed readings are rejected with their index and reason while
// the good ones land; a re-sent batch stores nothing twice; a late correction closes its hour again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/container.ts';
import { meterFeedRepository } from '../src/monitoring/repositories/meter-feed.ts';
import { readingsRepository } from '../src/monitoring/repositories/readings.ts';
import { seedDemoProvince } from '../src/seed/demo-province.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/seed/demo-users.ts';
import { startMeterFeed } from '../src/simulator/meter-feed.ts';
import { WINDOWS } from '../src/simulator/scenarios.ts';
import { eventually } from './gateway-fixtures.ts';
import { DIALECTS, freshStore, type DialectName, type TestStore } from './store-fixtures.ts';

const START = Date.UTC(2026, 10, 28, 12); // 20:00 Beijing: the day closes four simulated hours later
const HOUR = 3_600_000;

type Server = Awaited<ReturnType<typeof startServer>>;

async function rig(dialect: DialectName, now: () => number): Promise<{ store: TestStore; server: Server; url: string }> {
  const store = await freshStore(dialect, { migrate: true });
  await seedDemoProvince(store.database, { enterprises: 12 });
  await seedDemoUsers(store.database);
  const config = loadConfig(['--db', store.url, '--port', '0', '--metrics-port=-1', '--http-port=0'], {}).config;
  const server = await startServer(config, store.database, { now });
  return { store, server, url: server.httpUrl! };
}

/** An analyst API token, made the way a bureau makes one: an admin logs in and creates it through the API. */
async function feedToken(url: string, regionCode = '440000'): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  assert.equal(login.status, 200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${url}/api/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: `grid platform ${regionCode}`, role: 'analyst', regionCode }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { token: string }).token;
}

interface FeedAnswer {
  received: number;
  stored: number;
  duplicates: number;
  rejected: Array<{ index: number; meter: string | null; reason: string; message: string }>;
}

async function push(url: string, token: string, readings: unknown): Promise<{ status: number; body: FeedAnswer }> {
  const res = await fetch(`${url}/api/meter-feed`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ readings }) });
  return { status: res.status, body: (await res.json()) as FeedAnswer };
}

void test('a fed enterprise with the treatment-off scenario yields one warning citing the feed readings; the clean ones none', async () => {
  const speed = 600;
  const realStart = Date.now();
  const simNow = (): number => START + (Date.now() - realStart) * speed;
  const { store, server, url } = await rig('sqlite', simNow);
  const db = store.database.db;
  const fed = await meterFeedRepository(db).fedMeters();
  const enterprises = new Set(fed.map((m) => m.enterpriseId));
  assert.ok(enterprises.size >= 2, `the seed puts several enterprises on the feed (${enterprises.size})`);
  const lines: string[] = [];
  const feed = startMeterFeed({
    url, token: await feedToken(url), meters: fed.map((m) => ({ feedId: m.feedId, code: m.factor, group: String(m.enterpriseId) })),
    speed, start: START, everyMinutes: 5, scenarios: ['treatment-off'], log: (l) => lines.push(l),
  });
  try {
    const victim = fed.find((m) => m.role === 'treatment')!;
    assert.ok(lines.some((l) => l.includes(`treatment-off (meter feed): ${victim.feedId} at standby power`)), lines.join(' | '));
    await eventually(async () => (await db.selectFrom('warnings').select('id').where('kind', '=', 'treatmentOff').execute()).length > 0, 'a treatment-off warning', 90_000);
    await feed.flush();
    await server.compliance.tick();
    const served = await db.selectFrom('monitoring_points').select('id').where('outlet_id', '=', victim.outletId!).where('id', 'not in', db.selectFrom('meters').select('point_id')).orderBy('id').executeTakeFirstOrThrow();
    const all = await db.selectFrom('warnings').selectAll().where('kind', '=', 'treatmentOff').execute();
    assert.deepEqual(all.map((w) => [w.point_id, w.enterprise_id, w.factor]), [[Number(served.id), victim.enterpriseId, victim.factor]], 'one warning, on the outlet the fed treatment meter serves');
    const w = all[0]!;
    assert.ok(w.period_from >= START + WINDOWS.treatmentOff.from && w.period_to <= START + WINDOWS.treatmentOff.to + 60_000, 'inside the scenario window');
    assert.ok(w.period_to - w.period_from >= 2 * HOUR, 'most of the three-hour window');
    const ev = JSON.parse(w.evidence) as { values: number[]; frameIds: number[]; rule: { offBelowKw: number; productionKw: number[] } };
    assert.ok(ev.values.every((v) => v < ev.rule.offBelowKw) && ev.rule.productionKw.every((kw) => kw > 0));
    const frames = await db.selectFrom('raw_frames').select(['point_id', 'peer', 'bytes', 'data_time']).where('id', 'in', ev.frameIds).execute();
    assert.ok(frames.length >= 100, `the feed readings are cited (${frames.length})`);
    for (const f of frames) {
      const item = JSON.parse(Buffer.from(f.bytes).toString('utf8')) as { meter: string; at: string; kw: number };
      assert.equal(f.peer, 'meter-feed');
      assert.equal(f.point_id, victim.pointId);
      assert.equal(item.meter, victim.feedId, 'each cited row is the treatment meter’s reading as the platform sent it');
      assert.equal(Math.floor(Date.parse(item.at) / 60_000) * 60_000, f.data_time);
    }
    // The evidence viewer shows a cited feed row as the reading it is, not as a failed HJ 212 decode.
    const shown = await fetch(`${url}/api/frames/${ev.frameIds[0]}`, { headers: { authorization: `Bearer ${await feedToken(url)}` } });
    assert.equal(shown.status, 200);
    const { decoded } = (await shown.json()) as { decoded: { ok: boolean; reading?: { meter: string } } };
    assert.deepEqual([decoded.ok, decoded.reading?.meter], [true, victim.feedId]);
    assert.equal(feed.stats().rejected, 0);
    assert.ok(feed.stats().stored > 0);
  } finally {
    await feed.stop();
    await server.stop();
    await store.dispose();
  }
});

for (const dialect of DIALECTS) {
  void test(`${dialect}: bad readings are rejected with reasons while the good land; a re-sent batch stores nothing twice; a late correction re-closes its hour`, async () => {
    const now = START;
    const { store, server, url } = await rig(dialect, () => now);
    const db = store.database.db;
    try {
      const token = await feedToken(url);
      const m = (await meterFeedRepository(db).fedMeters()).find((x) => x.role === 'production')!;
      const m0 = START - 3 * HOUR;
      const iso = (ms: number): string => `${new Date(ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
      const batch = [
        { meter: m.feedId, at: iso(m0), kw: 812.5, kwh: 100_000 },
        { meter: m.feedId, at: m0 + 60_000, kw: 820 },
        { meter: 'NO-SUCH-METER', at: m0, kw: 1 },
        { meter: m.feedId, at: '2026-11-28 19:00:00', kw: 1 },
        { meter: m.feedId, at: Math.floor(m0 / 1000), kw: 1 },
        { meter: m.feedId, at: now + HOUR, kw: 1 },
        { meter: m.feedId, at: m0 + 120_000, kw: -5 },
        'garbage',
        { at: m0, kw: 1 },
        { meter: m.feedId, at: m0 + 120_000 + 15_000, kw: 830.25 },
      ];
      const first = await push(url, token, batch);
      assert.equal(first.status, 200);
      assert.deepEqual({ ...first.body, rejected: first.body.rejected.map((r) => [r.index, r.reason]) }, {
        received: 10, stored: 3, duplicates: 0,
        rejected: [[2, 'unknown_meter'], [3, 'invalid_time'], [4, 'invalid_time'], [5, 'future_time'], [6, 'invalid_value'], [7, 'invalid_item'], [8, 'invalid_item']],
      });
      assert.ok(first.body.rejected.every((r) => r.message.length > 0));
      const minutes = async () => (await readingsRepository(db).list({ pointId: m.pointId, periodKind: 'min', from: m0, to: m0 + HOUR })).map((r) => [r.periodStart - m0, r.factors.find((f) => f.code === m.factor)?.avg, r.revision]);
      assert.deepEqual(await minutes(), [[0, 812.5, 1], [60_000, 820, 1], [120_000, 830.25, 1]], 'the good readings are minutes of the meter’s point and factor');

      const again = await push(url, token, batch);
      assert.deepEqual([again.body.stored, again.body.duplicates, again.body.rejected.length], [0, 3, 7], 're-sent: nothing stored twice');
      assert.deepEqual(await minutes(), [[0, 812.5, 1], [60_000, 820, 1], [120_000, 830.25, 1]], 'and nothing revised');
      const raw = await db.selectFrom('raw_frames').select('id').where('point_id', '=', m.pointId).execute();
      assert.equal(raw.length, 3);

      // The hour closes; a late correction of one of its minutes closes it again (the late-frame path).
      await server.compliance.tick();
      const hourOf = async () => db.selectFrom('period_values').select(['samples', 'max']).where('point_id', '=', m.pointId).where('factor', '=', m.factor).where('period_kind', '=', 'hour').where('period_start', '=', m0).executeTakeFirst();
      assert.deepEqual(await hourOf(), { samples: 3, max: 830.25 });
      const late = await push(url, token, [{ meter: m.feedId, at: m0 + 60_000, kw: 2000 }]);
      assert.equal(late.body.stored, 1);
      await server.compliance.tick();
      assert.deepEqual(await hourOf(), { samples: 3, max: 2000 }, 'the closed hour was closed again with the corrected minute');
      assert.deepEqual((await minutes())[1], [60_000, 2000, 2]);

      // A token of another city sees the meter as unknown; an oversized batch is refused whole.
      const region = (await db.selectFrom('regions').select('code').where('level', '=', 'city').where('code', 'not like', `${m.regionCode.slice(0, 4)}%`).orderBy('code').executeTakeFirstOrThrow()).code;
      const other = await push(url, await feedToken(url, region), [{ meter: m.feedId, at: m0 + 300_000, kw: 1 }]);
      assert.deepEqual(other.body.rejected.map((r) => r.reason), ['unknown_meter']);
      const big = await push(url, token, Array.from({ length: 1001 }, (_, i) => ({ meter: m.feedId, at: m0 + i * 60_000, kw: 1 })));
      assert.equal(big.status, 400);

      const metric = await server.gateway.metrics.registry.getSingleMetricAsString('meter_feed_readings_total');
      assert.match(metric, /result="stored"} 4/);
      assert.match(metric, /result="duplicate"} 3/);
      assert.match(metric, /result="unknown_meter"} 3/);
      const audit = await db.selectFrom('audit_log').select(['actor_kind', 'actor_name', 'action']).where('entity', '=', 'meter_feed').orderBy('seq').execute();
      assert.equal(audit.length, 4, 'every accepted request is audited');
      assert.ok(audit.every((a) => a.actor_kind === 'token' && a.action === 'ingest'));
    } finally {
      await server.stop();
      await store.dispose();
    }
  });
}
