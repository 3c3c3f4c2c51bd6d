// Every registered API route × every role × a resource in the caller's region and one outside it. The
// expected answer comes from the role's permissions (access.ts) and the route's declaration, never from a
// list of answers: allowed → 2xx, permission missing → 403, not logged in → 401, outside → 404. A route
// added without a request here fails the first test.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DEFAULT_RISK_WEIGHTS } from '@ecoenforce/domain';
import { ROLES, can, type Role } from '../src/access/model.ts';
import { createUser } from '../src/accounts/users.ts';
import { DIALECTS } from './store-fixtures.ts';
import { insertMarking } from './marking-fixtures.ts';
import { caseActionRequest, filedCase, storedDocument, WORKED_FINE } from './case-fixtures.ts';
import { catalogueCases } from './catalogue-fixtures.ts';
import { rectificationCases } from './rectification-fixtures.ts';
import { publicationCases } from './publication-fixtures.ts';
import { serveOnParty } from '../src/enforcement/service/document-service.ts';
import { call, enterpriseCsv, errorCode, login, startHttpRig, T0, type HttpRig, type Session, type Upload } from './http-fixtures.ts';

const USER_OF: Record<Role, string> = {
  admin: 'admin', head: 'head', legalReviewer: 'legal', analyst: 'analyst', dispatcher: 'dispatcher', officer: 'officer', enterprise: 'company', verifier: 'verifier',
};

type Req = { method: string; url: string; payload?: unknown; multipart?: Upload };

interface Case {
  /** The request against a resource in the caller's scope (or the route's only form when it has no resource). */
  inside: (rig: HttpRig, s: Session | null) => Req | Promise<Req>;
  /** The same request against a resource in another province. */
  outside?: (rig: HttpRig) => Req | Promise<Req>;
}

const get = (url: string) => ({ method: 'GET', url });
/** A fresh permit of the enterprise with one hourly SO2 limit at an air outlet, for the permit-editing cases. */
let permitSeq = 0;
async function freshPermit(rig: HttpRig, enterpriseId: number): Promise<{ base: string; limitId: number; outletId: number }> {
  const db = rig.store.database.db;
  const outlet = await db.selectFrom('outlets').select('id').where('enterprise_id', '=', enterpriseId).where('kind', '=', 'air').orderBy('id').executeTakeFirstOrThrow();
  const permit = await db
    .insertInto('permits')
    .values({ enterprise_id: enterpriseId, number: `ACCESS-${enterpriseId}-${++permitSeq}`, issued_at: T0, valid_from: T0 + 400 * 86_400_000, valid_to: T0 + 800 * 86_400_000, issuer: 'matrix', status: 'valid' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const limit = await db
    .insertInto('permit_limits')
    .values({ permit_id: permit.id, outlet_id: outlet.id, factor: 'a21026', limit_value: 35, unit: 'mg/m3', basis: 'hourly', reference_o2: 6, annual_quantity_t: null, standard: null, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { base: `/api/enterprises/${enterpriseId}/permits/${permit.id}`, limitId: Number(limit.id), outletId: Number(outlet.id) };
}
const permitCase = (make: (p: Awaited<ReturnType<typeof freshPermit>>) => Req): Case => ({
  inside: async (rig) => make(await freshPermit(rig, rig.inside.enterpriseId)),
  outside: async (rig) => make(await freshPermit(rig, rig.outside.enterpriseId)),
});
/** A special period declared directly in the region (the cancel cases), each on its own day so none overlap. */
let periodSeq = 0;
async function freshPeriod(rig: HttpRig, regionCode: string): Promise<number> {
  const startsAt = T0 + ++periodSeq * 86_400_000;
  const row = await rig.store.database.db
    .insertInto('special_periods')
    .values({ region_code: regionCode, kind: 'special_event', level: null, name: 'matrix', starts_at: startsAt, ends_at: startsAt + 3600_000, source: null, note: null, created_by: 1, created_at: T0, cancelled_at: null, cancelled_by: null, cancel_reason: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
/** A fresh notification of the user (999_999: of nobody who logs in here). */
let notificationSeq = 0;
async function notificationOf(rig: HttpRig, userId: number): Promise<number> {
  const row = await rig.store.database.db
    .insertInto('notifications')
    .values({ user_id: userId, kind: 'task_assigned', event_key: `matrix:${++notificationSeq}`, title: '矩阵', body: '矩阵', link: '#/dispatch/1', created_at: T0, read_at: null, webhook_claimed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
const regionOf = async (rig: HttpRig, enterpriseId: number): Promise<string> =>
  (await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', enterpriseId).executeTakeFirstOrThrow()).region_code;
const declare = async (rig: HttpRig, enterpriseId: number): Promise<Req> => {
  const startsAt = T0 + 1000 * 86_400_000 + ++periodSeq * 86_400_000;
  return { method: 'POST', url: '/api/special-periods', payload: { regionCode: await regionOf(rig, enterpriseId), kind: 'heavy_pollution', level: 'orange', name: 'matrix warning', startsAt, endsAt: startsAt + 3600_000 } };
};
/** A task inserted directly in the enterprise's region (the task cases), in the given state, with the demo officers on it unless open. */
async function freshTask(rig: HttpRig, enterpriseId: number, status: 'open' | 'assigned' | 'in_progress'): Promise<number> {
  const db = rig.store.database.db;
  const row = await db
    .insertInto('tasks')
    .values({
      source_kind: 'joint', source_id: null, region_code: await regionOf(rig, enterpriseId), requesting_region_code: null, enterprise_id: enterpriseId, team_id: null, title: 'matrix', note: null, status, priority: 'normal',
      due_at: T0 + 86_400_000, escalated_at: null, created_at: T0, created_by: 1, updated_at: T0, started_at: null, done_at: null, outcome: null, cancelled_at: null, cancel_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status !== 'open') {
    const officers = await db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).execute();
    await db.insertInto('task_assignments').values(officers.map((o) => ({ task_id: Number(row.id), user_id: Number(o.id), assigned_at: T0, assigned_by: 1, released_at: null }))).execute();
  }
  return Number(row.id);
}
const demoOfficers = async (rig: HttpRig): Promise<number[]> =>
  (await rig.store.database.db.selectFrom('users').select('id').where('username', 'in', ['officer', 'officer2']).execute()).map((o) => Number(o.id));
let outsideSeq = 0;
/** An officer in the outside province (Guangxi), for the user-administration cases. */
const outsideUser = async (rig: HttpRig): Promise<number> =>
  createUser(rig.store.database.db, { username: `gx-matrix-${++outsideSeq}`, password: 'ecoenforce-demo', role: 'officer', regionCode: '450102' });
/** An officer of the demo province, for the user-administration cases that change one. */
const insideUser = async (rig: HttpRig): Promise<number> =>
  createUser(rig.store.database.db, { username: `gd-matrix-${++outsideSeq}`, password: 'ecoenforce-demo', role: 'officer', regionCode: '440000' });
const confirmedWarning = async (rig: HttpRig, pointId: number): Promise<number> => {
  const id = await rig.newWarning(pointId);
  await rig.store.database.db.updateTable('warnings').set({ status: 'confirmed' }).where('id', '=', id).execute();
  return id;
};
let teamSeq = 0;
/** A team inserted directly in the enterprise's region (the team-member cases), with the first demo officer on it when asked. */
async function freshTeam(rig: HttpRig, enterpriseId: number, withMember: boolean): Promise<{ id: number; officer: number }> {
  const db = rig.store.database.db;
  const row = await db.insertInto('teams').values({ region_code: await regionOf(rig, enterpriseId), name: `matrix team ${++teamSeq}`, created_at: T0, created_by: null }).returning('id').executeTakeFirstOrThrow();
  const [officer] = await demoOfficers(rig);
  if (withMember) await db.insertInto('team_members').values({ team_id: Number(row.id), user_id: officer!, added_at: T0 }).execute();
  return { id: Number(row.id), officer: officer! };
}
const taskCase = (status: 'open' | 'assigned' | 'in_progress', action: string, payload?: (rig: HttpRig) => unknown): Case => ({
  inside: async (rig) => ({ method: 'POST', url: `/api/tasks/${await freshTask(rig, rig.inside.enterpriseId, status)}/${action}`, payload: await payload?.(rig) }),
  outside: async (rig) => ({ method: 'POST', url: `/api/tasks/${await freshTask(rig, rig.outside.enterpriseId, status)}/${action}`, payload: await payload?.(rig) }),
});
/** An inspection started on a fresh assigned task of the enterprise (the evidence cases). */
async function freshInspection(rig: HttpRig, enterpriseId: number): Promise<string> {
  const uuid = crypto.randomUUID();
  await rig.store.database.db
    .insertInto('inspections')
    .values({ uuid, task_id: await freshTask(rig, enterpriseId, 'assigned'), checklist_hash: '0'.repeat(64), started_at: T0, finished_at: null, officer_ids: '[]', gps_status: 'unavailable', lat: null, lon: null, accuracy_m: null, device_time: T0, received_at: T0, outcome: null, created_by: 1, version: 1 })
    .execute();
  return uuid;
}
/** A decision of a filed case of the enterprise, stored and served on it (electronic service), for the enterprise's download cases. */
async function servedDocument(rig: HttpRig, enterpriseId: number): Promise<number> {
  const db = rig.store.database.db;
  const c = await filedCase(db, enterpriseId, T0);
  const doc = await db.insertInto('case_documents')
    .values({ case_id: c.id, kind: 'penalty_decision', number: null, sha256: '0'.repeat(64), bytes: Buffer.from('%PDF-1.4\n%fixture\n'), created_at: T0, created_by: 1 })
    .returning('id').executeTakeFirstOrThrow();
  await serveOnParty(db, { documentId: Number(doc.id), kind: 'penalty_decision', caseId: c.id, enterpriseId, at: T0 });
  return Number(doc.id);
}
const PHOTO = Buffer.from('matrix photo');
const startOp = async (rig: HttpRig, enterpriseId: number): Promise<Req> => ({
  method: 'POST', url: '/api/inspections/sync',
  payload: { ops: [{ opId: `matrix-${crypto.randomUUID()}`, kind: 'start', inspection: crypto.randomUUID(), taskId: await freshTask(rig, enterpriseId, 'assigned'), checklistHash: '0'.repeat(64), startedAt: T0, deviceTime: T0, gps: null }] },
});
const evidenceUrl = (uuid: string) => `/api/inspections/${uuid}/evidence?evidence=${crypto.randomUUID()}&itemKey=matrix&mime=image%2Fpng&capturedAt=${T0}&sha256=${createHash('sha256').update(PHOTO).digest('hex')}`;
const CASES: Record<string, Case> = {
  'GET /api/openapi.json': { inside: () => get('/api/openapi.json') },
  'POST /api/auth/login': { inside: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer', password: 'ecoenforce-demo' } }) },
  'GET /api/auth/me': { inside: () => get('/api/auth/me') },
  'GET /api/auth/options': { inside: () => get('/api/auth/options') },
  'POST /api/auth/logout': { inside: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  'POST /api/auth/password': { inside: () => ({ method: 'POST', url: '/api/auth/password', payload: { current: 'ecoenforce-demo', next: 'ecoenforce-demo' } }) },
  'GET /api/auth/sessions': { inside: () => get('/api/auth/sessions') },
  'DELETE /api/auth/sessions/:id': {
    inside: async (rig, s) => {
      const list = s === null ? null : (await call(rig.app, s, 'GET', '/api/auth/sessions')).json<{ items?: Array<{ id: string }> }>();
      return { method: 'DELETE', url: `/api/auth/sessions/${list?.items?.[0]?.id ?? '0123456789abcdef'}` };
    },
  },
  'GET /api/users/certificates': { inside: () => get('/api/users/certificates') },
  'PUT /api/users/:id/certificate': {
    // officer2's own seeded number: an allowed request changes nothing.
    inside: async (rig) => ({ method: 'PUT', url: `/api/users/${(await rig.store.database.db.selectFrom('users').select('id').where('username', '=', 'officer2').executeTakeFirstOrThrow()).id}/certificate`, payload: { certificateNo: '粤环执字第010232号' } }),
    outside: async (rig) => ({ method: 'PUT', url: `/api/users/${await outsideUser(rig)}/certificate`, payload: { certificateNo: '桂环执字第000001号' } }),
  },
  'GET /api/users': { inside: () => get('/api/users?role=officer') },
  'POST /api/users': { inside: () => ({ method: 'POST', url: '/api/users', payload: { username: `matrix-new-${++outsideSeq}`, displayName: '矩阵用户', role: 'officer', regionCode: '440000' } }) },
  'POST /api/users/:id/disable': { inside: async (rig) => ({ method: 'POST', url: `/api/users/${await insideUser(rig)}/disable` }), outside: async (rig) => ({ method: 'POST', url: `/api/users/${await outsideUser(rig)}/disable` }) },
  'POST /api/users/:id/enable': { inside: async (rig) => ({ method: 'POST', url: `/api/users/${await insideUser(rig)}/enable` }), outside: async (rig) => ({ method: 'POST', url: `/api/users/${await outsideUser(rig)}/enable` }) },
  'POST /api/users/:id/password': { inside: async (rig) => ({ method: 'POST', url: `/api/users/${await insideUser(rig)}/password` }), outside: async (rig) => ({ method: 'POST', url: `/api/users/${await outsideUser(rig)}/password` }) },
  'PATCH /api/users/:id': {
    inside: async (rig) => ({ method: 'PATCH', url: `/api/users/${await insideUser(rig)}`, payload: { role: 'analyst' } }),
    outside: async (rig) => ({ method: 'PATCH', url: `/api/users/${await outsideUser(rig)}`, payload: { role: 'analyst' } }),
  },
  'GET /api/tokens': { inside: () => get('/api/tokens') },
  'POST /api/tokens': { inside: () => ({ method: 'POST', url: '/api/tokens', payload: { name: 'matrix', role: 'analyst', regionCode: '440000' } }) },
  'DELETE /api/tokens/:id': { inside: (rig) => ({ method: 'DELETE', url: `/api/tokens/${rig.inside.tokenId}` }), outside: (rig) => ({ method: 'DELETE', url: `/api/tokens/${rig.outside.tokenId}` }) },
  'GET /api/regions': { inside: () => get('/api/regions') },
  'GET /api/enterprises': { inside: () => get('/api/enterprises') },
  'GET /api/enterprises/:id': { inside: (rig) => get(`/api/enterprises/${rig.inside.enterpriseId}`), outside: (rig) => get(`/api/enterprises/${rig.outside.enterpriseId}`) },
  'GET /api/points': { inside: () => get('/api/points') },
  'GET /api/devices': { inside: () => get('/api/devices') },
  'GET /api/points/:id': { inside: (rig) => get(`/api/points/${rig.inside.pointId}`), outside: (rig) => get(`/api/points/${rig.outside.pointId}`) },
  'GET /api/points/:id/readings': {
    inside: (rig) => get(`/api/points/${rig.inside.pointId}/readings?from=${T0 - 86_400_000}&to=${T0 + 86_400_000}&format=csv`),
    outside: (rig) => get(`/api/points/${rig.outside.pointId}/readings?from=${T0 - 86_400_000}&to=${T0 + 86_400_000}&format=csv`),
  },
  'GET /api/points/:id/series': {
    inside: (rig) => get(`/api/points/${rig.inside.pointId}/series?factor=a21026&period=min`),
    outside: (rig) => get(`/api/points/${rig.outside.pointId}/series?factor=a21026&period=min`),
  },
  'GET /api/points/:id/compliance': {
    inside: (rig) => get(`/api/points/${rig.inside.pointId}/compliance?factor=a21026`),
    outside: (rig) => get(`/api/points/${rig.outside.pointId}/compliance?factor=a21026`),
  },
  'GET /api/enterprises/:id/compliance-grid': {
    inside: (rig) => get(`/api/enterprises/${rig.inside.enterpriseId}/compliance-grid?to=2026-11`),
    outside: (rig) => get(`/api/enterprises/${rig.outside.enterpriseId}/compliance-grid`),
  },
  'GET /api/enterprises/:id/annual': {
    inside: (rig) => get(`/api/enterprises/${rig.inside.enterpriseId}/annual?year=2026`),
    outside: (rig) => get(`/api/enterprises/${rig.outside.enterpriseId}/annual`),
  },
  'GET /api/points/:id/frames': { inside: (rig) => get(`/api/points/${rig.inside.pointId}/frames`), outside: (rig) => get(`/api/points/${rig.outside.pointId}/frames`) },
  'GET /api/frames/:id': { inside: (rig) => get(`/api/frames/${rig.inside.frameId}`), outside: (rig) => get(`/api/frames/${rig.outside.frameId}`) },
  'GET /api/registry/import/:kind/columns': { inside: () => get('/api/registry/import/enterprises/columns') },
  'POST /api/registry/import/:kind': { inside: () => ({ method: 'POST', url: '/api/registry/import/enterprises?dryRun=true', multipart: enterpriseCsv('440103') }) },
  'GET /api/audit': { inside: () => get('/api/audit?limit=5') },
  'GET /api/audit/verify': { inside: () => get('/api/audit/verify') },
  'GET /api/audit/facets': { inside: () => get('/api/audit/facets') },
  'GET /api/audit/ingest': { inside: () => get('/api/audit/ingest') },
  'GET /api/warnings': { inside: () => get('/api/warnings') },
  'GET /api/reports/weekly': { inside: () => get('/api/reports/weekly') },
  'GET /api/stats/enforcement': { inside: () => get('/api/stats/enforcement?preset=year') },
  'GET /api/overview': { inside: () => get('/api/overview') },
  'GET /api/risk': { inside: () => get('/api/risk') },
  'GET /api/enterprises/:id/risk': { inside: (rig) => get(`/api/enterprises/${rig.inside.enterpriseId}/risk`), outside: (rig) => get(`/api/enterprises/${rig.outside.enterpriseId}/risk`) },
  'GET /api/risk/weights': { inside: () => get('/api/risk/weights') },
  'PUT /api/risk/weights': { inside: () => ({ method: 'PUT', url: '/api/risk/weights', payload: { weights: DEFAULT_RISK_WEIGHTS, note: 'access matrix' } }) },
  'GET /api/reports/monthly': { inside: () => get('/api/reports/monthly?month=2026-11') },
  'GET /api/warnings/:id': {
    inside: async (rig) => get(`/api/warnings/${await rig.newWarning(rig.inside.pointId)}`),
    outside: async (rig) => get(`/api/warnings/${await rig.newWarning(rig.outside.pointId)}`),
  },
  'POST /api/warnings/:id/decision': {
    inside: async (rig) => ({ method: 'POST', url: `/api/warnings/${await rig.newWarning(rig.inside.pointId)}/decision`, payload: { decision: 'confirm', reason: 'checked the readings' } }),
    outside: async (rig) => ({ method: 'POST', url: `/api/warnings/${await rig.newWarning(rig.outside.pointId)}/decision`, payload: { decision: 'dismiss', reason: 'not ours' } }),
  },
  'POST /api/warnings/:id/answer': {
    inside: async (rig) => ({ method: 'POST', url: `/api/warnings/${await rig.newWarning(rig.inside.pointId)}/answer`, payload: { answer: 'the boiler was starting up' } }),
    outside: async (rig) => ({ method: 'POST', url: `/api/warnings/${await rig.newWarning(rig.outside.pointId)}/answer`, payload: { answer: 'x y' } }),
  },
  'GET /api/points/:id/markings': { inside: (rig) => get(`/api/points/${rig.inside.pointId}/markings`), outside: (rig) => get(`/api/points/${rig.outside.pointId}/markings`) },
  'POST /api/points/:id/markings': {
    inside: (rig) => ({ method: 'POST', url: `/api/points/${rig.inside.pointId}/markings`, payload: { kind: 'maintenance', from: T0 + 3 * 3600_000, to: T0 + 4 * 3600_000, reason: 'scheduled maintenance' } }),
    outside: (rig) => ({ method: 'POST', url: `/api/points/${rig.outside.pointId}/markings`, payload: { kind: 'maintenance', from: T0 + 3 * 3600_000, to: T0 + 4 * 3600_000, reason: 'not ours' } }),
  },
  'POST /api/markings/:id/withdraw': {
    inside: async (rig) => ({ method: 'POST', url: `/api/markings/${await insertMarking(rig.store.database.db, rig.inside.pointId, { from: T0, to: T0 + 600_000 })}/withdraw`, payload: { reason: 'marked in error' } }),
    outside: async (rig) => ({ method: 'POST', url: `/api/markings/${await insertMarking(rig.store.database.db, rig.outside.pointId, { from: T0, to: T0 + 600_000 })}/withdraw`, payload: { reason: 'not ours' } }),
  },
  'GET /api/enterprises/:id/permits': { inside: (rig) => get(`/api/enterprises/${rig.inside.enterpriseId}/permits`), outside: (rig) => get(`/api/enterprises/${rig.outside.enterpriseId}/permits`) },
  'POST /api/enterprises/:id/permits': {
    inside: (rig) => ({ method: 'POST', url: `/api/enterprises/${rig.inside.enterpriseId}/permits`, payload: { number: `ACCESS-NEW-${++permitSeq}`, issuedAt: T0, validFrom: T0, validTo: T0 + 86_400_000, issuer: 'matrix' } }),
    outside: (rig) => ({ method: 'POST', url: `/api/enterprises/${rig.outside.enterpriseId}/permits`, payload: { number: `ACCESS-NEW-${++permitSeq}`, issuedAt: T0, validFrom: T0, validTo: T0 + 86_400_000, issuer: 'matrix' } }),
  },
  'PATCH /api/enterprises/:id/permits/:permitId': permitCase((p) => ({ method: 'PATCH', url: p.base, payload: { issuer: 'matrix 2' } })),
  'POST /api/enterprises/:id/permits/:permitId/limits': permitCase((p) => ({ method: 'POST', url: `${p.base}/limits`, payload: { outletId: p.outletId, factor: 'a21002', limit: 50, unit: 'mg/m3', basis: 'hourly' } })),
  'PATCH /api/enterprises/:id/permits/:permitId/limits/:limitId': permitCase((p) => ({ method: 'PATCH', url: `${p.base}/limits/${p.limitId}`, payload: { limit: 30 } })),
  'DELETE /api/enterprises/:id/permits/:permitId/limits/:limitId': permitCase((p) => ({ method: 'DELETE', url: `${p.base}/limits/${p.limitId}` })),
  'GET /api/special-periods': { inside: () => get('/api/special-periods') },
  'POST /api/special-periods': { inside: (rig) => declare(rig, rig.inside.enterpriseId), outside: (rig) => declare(rig, rig.outside.enterpriseId) },
  'POST /api/special-periods/:id/cancel': {
    inside: async (rig) => ({ method: 'POST', url: `/api/special-periods/${await freshPeriod(rig, await regionOf(rig, rig.inside.enterpriseId))}/cancel`, payload: { reason: 'called off' } }),
    outside: async (rig) => ({ method: 'POST', url: `/api/special-periods/${await freshPeriod(rig, await regionOf(rig, rig.outside.enterpriseId))}/cancel`, payload: { reason: 'not ours' } }),
  },
  'POST /api/meter-feed': { inside: () => ({ method: 'POST', url: '/api/meter-feed', payload: { readings: [{ meter: 'access-matrix', at: T0, kw: 1 }] } }) },
  ...catalogueCases,
  ...rectificationCases,
  ...publicationCases,
  'GET /api/cases': { inside: () => get('/api/cases') },
  'POST /api/cases': {
    inside: (rig) => ({ method: 'POST', url: '/api/cases', payload: { enterpriseId: rig.inside.enterpriseId, matterCode: 'AIR-99-2' } }),
    outside: (rig) => ({ method: 'POST', url: '/api/cases', payload: { enterpriseId: rig.outside.enterpriseId, matterCode: 'AIR-99-2' } }),
  },
  'GET /api/cases/:id': {
    inside: async (rig) => get(`/api/cases/${(await filedCase(rig.store.database.db, rig.inside.enterpriseId, T0)).id}`),
    outside: async (rig) => get(`/api/cases/${(await filedCase(rig.store.database.db, rig.outside.enterpriseId, T0)).id}`),
  },
  'POST /api/cases/:id/actions': { inside: (rig, s) => caseActionRequest(rig, s, rig.inside.enterpriseId), outside: (rig) => caseActionRequest(rig, null, rig.outside.enterpriseId) },
  'GET /api/cases/:id/fine-facts': {
    inside: async (rig) => get(`/api/cases/${(await filedCase(rig.store.database.db, rig.inside.enterpriseId, T0)).id}/fine-facts`),
    outside: async (rig) => get(`/api/cases/${(await filedCase(rig.store.database.db, rig.outside.enterpriseId, T0)).id}/fine-facts`),
  },
  'POST /api/cases/:id/fine-preview': {
    inside: async (rig) => ({ method: 'POST', url: `/api/cases/${(await filedCase(rig.store.database.db, rig.inside.enterpriseId, T0)).id}/fine-preview`, payload: WORKED_FINE }),
    outside: async (rig) => ({ method: 'POST', url: `/api/cases/${(await filedCase(rig.store.database.db, rig.outside.enterpriseId, T0)).id}/fine-preview`, payload: WORKED_FINE }),
  },
  'GET /api/cases/:id/documents/:docId': {
    inside: async (rig) => {
      const c = await filedCase(rig.store.database.db, rig.inside.enterpriseId, T0);
      return get(`/api/cases/${c.id}/documents/${await storedDocument(rig.store.database.db, c.id, T0)}`);
    },
    outside: async (rig) => {
      const c = await filedCase(rig.store.database.db, rig.outside.enterpriseId, T0);
      return get(`/api/cases/${c.id}/documents/${await storedDocument(rig.store.database.db, c.id, T0)}`);
    },
  },
  'GET /api/my/documents': { inside: () => get('/api/my/documents') },
  // The consent is the caller's own enterprise's: signing needs none in force, withdrawing needs one.
  'GET /api/my/service-consent': { inside: () => get('/api/my/service-consent') },
  'POST /api/my/service-consent': {
    inside: async (rig) => {
      await rig.store.database.db.updateTable('service_consents').set({ withdrawn_at: T0, withdrawn_by: 1 }).where('enterprise_id', '=', rig.inside.enterpriseId).where('withdrawn_at', 'is', null).execute();
      return { method: 'POST', url: '/api/my/service-consent', payload: { signerName: '李测试', signerTitle: '法定代表人', phone: '020-12345678', address: '广州市黄埔区测试大道88号' } };
    },
  },
  'POST /api/my/service-consent/withdraw': {
    inside: async (rig) => {
      const db = rig.store.database.db;
      const open = await db.selectFrom('service_consents').select('id').where('enterprise_id', '=', rig.inside.enterpriseId).where('withdrawn_at', 'is', null).executeTakeFirst();
      if (open === undefined) {
        await db.insertInto('service_consents').values({ enterprise_id: rig.inside.enterpriseId, signed_at: T0, signed_by: 1, signer_name: '李测试', signer_title: '法定代表人', phone: '020-12345678', email: null, address: '广州市', withdrawn_at: null, withdrawn_by: null }).execute();
      }
      return { method: 'POST', url: '/api/my/service-consent/withdraw' };
    },
  },
  // Notifications are the caller's own: its own one is marked, another user's answers 404 like a missing one.
  'GET /api/notifications': { inside: () => get('/api/notifications?unread=true') },
  'GET /api/notifications/unread-count': { inside: () => get('/api/notifications/unread-count') },
  'POST /api/notifications/read-all': { inside: () => ({ method: 'POST', url: '/api/notifications/read-all' }) },
  'POST /api/notifications/:id/read': {
    inside: async (rig, s) => ({ method: 'POST', url: `/api/notifications/${await notificationOf(rig, s === null ? 999_999 : (await call(rig.app, s, 'GET', '/api/auth/me')).json<{ user: { id: number } }>().user.id)}/read` }),
    outside: async (rig) => ({ method: 'POST', url: `/api/notifications/${await notificationOf(rig, 999_999)}/read` }),
  },
  'GET /api/my/documents/:id.pdf': {
    inside: async (rig) => get(`/api/my/documents/${await servedDocument(rig, rig.inside.enterpriseId)}.pdf`),
    outside: async (rig) => get(`/api/my/documents/${await servedDocument(rig, rig.outside.enterpriseId)}.pdf`),
  },
  'GET /api/cases/:id/dossier.pdf': {
    inside: async (rig) => get(`/api/cases/${(await filedCase(rig.store.database.db, rig.inside.enterpriseId, T0)).id}/dossier.pdf`),
    outside: async (rig) => get(`/api/cases/${(await filedCase(rig.store.database.db, rig.outside.enterpriseId, T0)).id}/dossier.pdf`),
  },
  'GET /api/tasks/:id/case-draft': {
    inside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.inside.enterpriseId, 'assigned')}/case-draft`),
    outside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.outside.enterpriseId, 'assigned')}/case-draft`),
  },
  'GET /api/inspections/:uuid/record.pdf': {
    inside: async (rig) => get(`/api/inspections/${await freshInspection(rig, rig.inside.enterpriseId)}/record.pdf`),
    outside: async (rig) => get(`/api/inspections/${await freshInspection(rig, rig.outside.enterpriseId)}/record.pdf`),
  },
  'GET /api/tasks': { inside: () => get('/api/tasks') },
  'GET /api/tasks/joint/regions': { inside: () => get('/api/tasks/joint/regions') },
  // The lookup is about a region outside every bureau role's own (another province's), so no "outside" form.
  'GET /api/tasks/joint/enterprises': {
    inside: async (rig) => {
      const e = await rig.store.database.db.selectFrom('enterprises').select(['region_code', 'name']).where('id', '=', rig.outside.enterpriseId).executeTakeFirstOrThrow();
      return get(`/api/tasks/joint/enterprises?regionCode=${e.region_code}&q=${encodeURIComponent(e.name.slice(0, 2))}`);
    },
  },
  'GET /api/tasks/:id': {
    inside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.inside.enterpriseId, 'open')}`),
    outside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.outside.enterpriseId, 'open')}`),
  },
  'POST /api/tasks': {
    inside: async (rig) => ({ method: 'POST', url: '/api/tasks', payload: { source: 'warning', warningIds: [await confirmedWarning(rig, rig.inside.pointId)] } }),
    outside: async (rig) => ({ method: 'POST', url: '/api/tasks', payload: { source: 'warning', warningIds: [await confirmedWarning(rig, rig.outside.pointId)] } }),
  },
  'POST /api/tasks/:id/assign': taskCase('open', 'assign', async (rig) => ({ officerIds: await demoOfficers(rig) })),
  'POST /api/tasks/:id/start': taskCase('assigned', 'start'),
  'POST /api/tasks/:id/done': taskCase('in_progress', 'done', () => ({ outcome: 'checked on site' })),
  'POST /api/tasks/:id/cancel': taskCase('open', 'cancel', () => ({ reason: 'matrix' })),
  'GET /api/tips': { inside: () => get('/api/tips') },
  'POST /api/tips': {
    inside: async (rig) => ({ method: 'POST', url: '/api/tips', payload: { receivedAt: T0, channel: 'phone', content: 'matrix tip', regionCode: await regionOf(rig, rig.inside.enterpriseId) } }),
    outside: async (rig) => ({ method: 'POST', url: '/api/tips', payload: { receivedAt: T0, channel: 'phone', content: 'matrix tip', regionCode: await regionOf(rig, rig.outside.enterpriseId) } }),
  },
  'GET /api/teams': { inside: () => get('/api/teams') },
  'POST /api/teams': {
    inside: async (rig) => ({ method: 'POST', url: '/api/teams', payload: { regionCode: await regionOf(rig, rig.inside.enterpriseId), name: `matrix team ${++teamSeq}` } }),
    outside: async (rig) => ({ method: 'POST', url: '/api/teams', payload: { regionCode: await regionOf(rig, rig.outside.enterpriseId), name: `matrix team ${++teamSeq}` } }),
  },
  'GET /api/teams/:id/candidates': {
    inside: async (rig) => get(`/api/teams/${(await freshTeam(rig, rig.inside.enterpriseId, false)).id}/candidates`),
    outside: async (rig) => get(`/api/teams/${(await freshTeam(rig, rig.outside.enterpriseId, false)).id}/candidates`),
  },
  'POST /api/teams/:id/members': {
    inside: async (rig) => { const t = await freshTeam(rig, rig.inside.enterpriseId, false); return { method: 'POST', url: `/api/teams/${t.id}/members`, payload: { userId: t.officer } }; },
    outside: async (rig) => { const t = await freshTeam(rig, rig.outside.enterpriseId, false); return { method: 'POST', url: `/api/teams/${t.id}/members`, payload: { userId: t.officer } }; },
  },
  'DELETE /api/teams/:id/members/:userId': {
    inside: async (rig) => { const t = await freshTeam(rig, rig.inside.enterpriseId, true); return { method: 'DELETE', url: `/api/teams/${t.id}/members/${t.officer}` }; },
    outside: async (rig) => { const t = await freshTeam(rig, rig.outside.enterpriseId, true); return { method: 'DELETE', url: `/api/teams/${t.id}/members/${t.officer}` }; },
  },
  'GET /api/tasks/:id/checklist': {
    inside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.inside.enterpriseId, 'open')}/checklist`),
    outside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.outside.enterpriseId, 'open')}/checklist`),
  },
  'GET /api/tasks/:id/inspections': {
    inside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.inside.enterpriseId, 'open')}/inspections`),
    outside: async (rig) => get(`/api/tasks/${await freshTask(rig, rig.outside.enterpriseId, 'open')}/inspections`),
  },
  'POST /api/inspections/sync': { inside: (rig) => startOp(rig, rig.inside.enterpriseId), outside: (rig) => startOp(rig, rig.outside.enterpriseId) },
  'POST /api/inspections/:uuid/evidence': {
    inside: async (rig) => ({ method: 'POST', url: evidenceUrl(await freshInspection(rig, rig.inside.enterpriseId)), multipart: { filename: 'matrix.png', bytes: PHOTO } }),
    outside: async (rig) => ({ method: 'POST', url: evidenceUrl(await freshInspection(rig, rig.outside.enterpriseId)) }),
  },
  // An event stream never ends; its access is checked with a request that must fail before the stream starts.
  'GET /api/live': { inside: () => get('/api/live') },
};

for (const dialect of DIALECTS) {
  void describe(`access matrix on ${dialect}`, () => {
    let rig: HttpRig;
    before(async () => {
      rig = await startHttpRig(dialect);
    });
    after(() => rig.close());

    void test('every registered /api route has a case here and a declared access', () => {
      const routes = rig.app.apiRoutes.filter((r) => r.url !== '/api/*').map((r) => `${r.method} ${r.url}`);
      assert.ok(routes.length >= 18, `found ${routes.length} routes`);
      for (const r of routes) assert.ok(CASES[r] !== undefined, `no access case for ${r}: add one to http-access.test.ts`);
      for (const c of Object.keys(CASES)) assert.ok(routes.includes(c), `case ${c} matches no registered route`);
    });

    void test('anonymous callers get 401 on every non-public route and an answer on public ones', async () => {
      for (const r of rig.app.apiRoutes.filter((x) => x.url !== '/api/*')) {
        const req = await CASES[`${r.method} ${r.url}`]!.inside(rig, null);
        const res = await call(rig.app, null, req.method, req.url, req.payload, req.multipart);
        if ('public' in r.access) assert.ok(res.statusCode < 400, `${r.method} ${r.url} is public but answered ${res.statusCode}`);
        else assert.equal(res.statusCode, 401, `${r.method} ${r.url} anonymous: ${res.body}`);
      }
    });

    for (const role of ROLES) {
      void test(`${role}: allowed in its scope, 403 without the permission, 404 outside its region`, async () => {
        for (const r of rig.app.apiRoutes.filter((x) => x.url !== '/api/*' && !('public' in x.access))) {
          const access = r.access as { permission: Parameters<typeof can>[1]; resource?: string };
          const c = CASES[`${r.method} ${r.url}`]!;
          const allowed = can(role, access.permission);
          // A fresh session per request: some of these requests end the session they are sent with.
          const s = await login(rig.app, USER_OF[role]);
          if (r.url === '/api/live') {
            if (!allowed) assert.equal((await call(rig.app, s, 'GET', '/api/live')).statusCode, 403);
            continue;
          }
          const req = await c.inside(rig, s);
          const res = await call(rig.app, s, req.method, req.url, req.payload, req.multipart);
          if (allowed) assert.ok(res.statusCode < 300, `${role} ${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          else assert.equal(res.statusCode, 403, `${role} ${req.method} ${req.url} should be forbidden: ${res.statusCode}`);
          if (c.outside !== undefined && allowed) {
            const out = await c.outside(rig);
            const o = await call(rig.app, await login(rig.app, USER_OF[role]), out.method, out.url, out.payload);
            assert.equal(o.statusCode, 404, `${role} ${out.method} ${out.url} (another province) → ${o.statusCode}`);
            assert.equal(errorCode(o), 'not_found');
          }
        }
      });
    }

    void test('a city user cannot reach another city of the same province; the province user can', async () => {
      const analyst = await login(rig.app, 'analyst');
      const head = await login(rig.app, 'head');
      for (const url of [`/api/enterprises/${rig.otherCity.enterpriseId}`, `/api/points/${rig.otherCity.pointId}`]) {
        assert.equal((await call(rig.app, analyst, 'GET', url)).statusCode, 404, url);
        assert.equal((await call(rig.app, head, 'GET', url)).statusCode, 200, url);
      }
      const list = (await call(rig.app, analyst, 'GET', '/api/enterprises?limit=500')).json<{ items: Array<{ id: number; regionCode: string }> }>();
      assert.ok(list.items.length > 0);
      assert.ok(list.items.every((e) => e.id !== rig.otherCity.enterpriseId && e.id !== rig.outside.enterpriseId));
      const company = await login(rig.app, 'company');
      const own = (await call(rig.app, company, 'GET', '/api/points?limit=500')).json<{ items: Array<{ enterpriseId: number }> }>();
      assert.ok(own.items.length > 0 && own.items.every((p) => p.enterpriseId === rig.inside.enterpriseId), 'an enterprise user lists only its own points');
    });

    void test('guessing ids: a nonexistent id and an out-of-region id give the same 404 body shape', async () => {
      const officer = await login(rig.app, 'officer');
      const missing = await call(rig.app, officer, 'GET', '/api/points/999999');
      const outside = await call(rig.app, officer, 'GET', `/api/points/${rig.outside.pointId}`);
      assert.equal(missing.statusCode, 404);
      assert.equal(outside.statusCode, 404);
      assert.deepEqual(Object.keys(missing.json<object>()), Object.keys(outside.json<object>()));
      assert.equal(errorCode(missing), errorCode(outside));
    });
  });
}
