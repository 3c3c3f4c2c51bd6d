// Shared set-up for the http-*.test.ts files: a store on SQLite or PostgreSQL with the demo province (a
// few enterprises), the demo users (one per role), a second province outside everyone's region with its
// own enterprise, point, frame and API token, stored minute readings, and the real Fastify app driven by
// inject(): the same hooks, schemas and handlers as over TCP, without a port.
import { locate } from '../src/access/locate.ts';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../src/http/app.ts';
import { LiveHub } from '../src/monitoring/live.ts';
import { PointActivity } from '../src/monitoring/activity.ts';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { seedDemoProvince } from '../src/seed/demo-province.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../src/seed/demo-users.ts';
import { makeUscc } from '@ecoenforce/domain';
import { acceptedFrame, flueGasMinute, freshStore, type DialectName, type TestStore } from './store-fixtures.ts';

export { DEMO_PASSWORD };

/** 2026-11-28 10:00 Beijing. */
export const T0 = Date.UTC(2026, 10, 28, 2, 0, 0);

export interface HttpRig {
  store: TestStore;
  app: App;
  activity: PointActivity;
  live: LiveHub;
  /** The platform clock the app sees (moves only when a test sets it). */
  clock: { now: number };
  /** In every demo user's scope: the first enterprise (the officer's county), its first point and frame. */
  inside: { enterpriseId: number; pointId: number; frameId: number; tokenId: number; mn: string };
  /** In another province: nobody's scope but its own. */
  outside: { enterpriseId: number; pointId: number; frameId: number; tokenId: number };
  /** Another city of the demo province: out of scope for the city and county users. */
  otherCity: { enterpriseId: number; pointId: number };
  /** Inserts a new exceedance warning at the point (in its region and enterprise) and returns its id. */
  newWarning(pointId: number): Promise<number>;
  close(): Promise<void>;
}

export async function startHttpRig(dialect: DialectName): Promise<HttpRig> {
  const store = await freshStore(dialect);
  const { database } = store;
  const db = database.db;
  await seedDemoProvince(database, { enterprises: 12 });
  await seedDemoUsers(database);
  const now = Date.now();

  // The first enterprise and one of another city.
  const first = await db.selectFrom('enterprises').selectAll().orderBy('id').executeTakeFirstOrThrow();
  const firstCity = first.region_code.slice(0, 4);
  const other = await db.selectFrom('enterprises').selectAll().where('region_code', 'not like', `${firstCity}%`).orderBy('id').executeTakeFirstOrThrow();
  const pointOf = async (enterpriseId: number) =>
    db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select(['p.id', 'p.mn']).where('o.enterprise_id', '=', enterpriseId).orderBy('p.id').executeTakeFirstOrThrow();
  const firstPoint = await pointOf(first.id);
  const otherPoint = await pointOf(other.id);
  // The verifier is assigned the first enterprise too, so it has one in-scope resource like everyone else.
  const verifier = await db.selectFrom('users').select('id').where('username', '=', 'verifier').executeTakeFirstOrThrow();
  await db.insertInto('verifier_assignments').values({ user_id: verifier.id, enterprise_id: first.id, assigned_at: now }).onConflict((oc) => oc.doNothing()).execute();

  // Guangxi (450000): a province no demo user belongs to.
  await db.insertInto('regions').values([
    { code: '450000', name: '广西壮族自治区', level: 'province', parent_code: null },
    { code: '450100', name: '南宁市', level: 'city', parent_code: '450000' },
    { code: '450102', name: '兴宁区', level: 'county', parent_code: '450100' },
  ]).execute();
  const outsideEnterprise = await db
    .insertInto('enterprises')
    .values({ uscc: makeUscc({ authority: '9', kind: '1', region: '450102', orgBody: 'MA5UTD12' }), name: '南宁测试热电有限公司', region_code: '450102', industry: 'thermal_power', address: '南宁市兴宁区', lat: 22.8, lng: 108.3, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outsideOutlet = await db.insertInto('outlets').values({ enterprise_id: outsideEnterprise.id, code: 'DA001', kind: 'air', name: '1号烟囱' }).returning('id').executeTakeFirstOrThrow();
  const outsidePoint = await db
    .insertInto('monitoring_points')
    .values({ outlet_id: outsideOutlet.id, mn: 'OUTSIDE0000000000000001', pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '31', factors: '["a21026","a21002"]', active: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();

  // An hour of minute readings at the first point, one frame at the outside point.
  const sink = createFrameSink(database);
  const frames = Array.from({ length: 60 }, (_, i) =>
    acceptedFrame(firstPoint.id, firstPoint.mn, 'min', T0 + i * 60_000, flueGasMinute(i), { qn: `2026112810${String(i).padStart(2, '0')}00000`, receivedAt: T0 + i * 60_000 + 20_000 }),
  );
  await sink.write(frames, []);
  await sink.write([acceptedFrame(outsidePoint.id, 'OUTSIDE0000000000000001', 'min', T0, flueGasMinute(1))], []);
  const frameIdOf = async (pointId: number) => Number((await db.selectFrom('raw_frames').select('id').where('point_id', '=', pointId).orderBy('id').executeTakeFirstOrThrow()).id);

  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const token = async (name: string, region: string) =>
    Number(
      (
        await db
          .insertInto('api_tokens')
          .values({ name, token_hash: `fixture-${name}`, prefix: 'ee_fixtu', role: 'analyst', region_code: region, enterprise_id: null, created_by: admin.id, created_at: now, expires_at: null, last_used_at: null, revoked_at: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );

  const clock = { now: T0 + 61 * 60_000 };
  const activity = new PointActivity(() => clock.now);
  await activity.load(db);
  const live = new LiveHub(db, activity);
  await live.load();
  const app = await buildApp({ database, now: () => clock.now, activity, live, webDist: null, secureCookies: false });
  return {
    store, app, activity, live, clock,
    inside: { enterpriseId: first.id, pointId: firstPoint.id, frameId: await frameIdOf(firstPoint.id), tokenId: await token('inside', first.region_code), mn: firstPoint.mn },
    outside: { enterpriseId: outsideEnterprise.id, pointId: Number(outsidePoint.id), frameId: await frameIdOf(Number(outsidePoint.id)), tokenId: await token('outside', '450102') },
    otherCity: { enterpriseId: other.id, pointId: otherPoint.id },
    async newWarning(pointId: number) {
      const place = await locate(db, 'point', pointId);

      const row = await db
        .insertInto('warnings')
        .values({
          point_id: pointId, enterprise_id: place!.enterpriseId!, region_code: place!.regionCode!, kind: 'exceedance', factor: 'a21026', severity: 'medium', status: 'new',
          period_from: T0, period_to: T0 + 3600_000, message: 'fixture', evidence: JSON.stringify({ times: [T0], params: {} }), created_at: now, updated_at: now,
          decided_by: null, decision_reason: null, answer: null, answered_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return Number(row.id);
    },
    async close() {
      live.stop();
      await app.close();
      await store.dispose();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(app: App, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ee_session');
  if (cookie === undefined) throw new Error('no session cookie');
  return { cookie: `ee_session=${cookie.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** A file to send as multipart/form-data (field `file`). */
export interface Upload {
  filename: string;
  bytes: Buffer;
}

export function call(app: App, s: Session | null, method: string, url: string, payload?: unknown, upload?: Upload): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (s !== null) {
    headers.cookie = s.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  }
  if (upload !== undefined) {
    const boundary = 'ecoenforce-test-boundary';
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${upload.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      upload.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return app.inject({ method: method as 'POST', url, headers, payload: body });
  }
  return app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** A one-enterprise registry CSV (Chinese headers) in the given county; `name` makes it distinct. */
export function enterpriseCsv(region: string, name = '测试导入有限公司', orgBody = 'MA5TE7T1'): Upload {
  const uscc = makeUscc({ authority: '9', kind: '1', region, orgBody });
  const text = `统一社会信用代码,单位名称,行政区划代码,行业,管理类别,地址,纬度,经度\n${uscc},${name},${region},boiler,重点管理,测试路1号,23.1,113.3\n`;
  return { filename: 'enterprises.csv', bytes: Buffer.from(text, 'utf8') };
}

export const errorCode = (res: LightMyRequestResponse): string | undefined => res.json<{ error?: { code?: string } }>().error?.code;
