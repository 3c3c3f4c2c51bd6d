// Fixtures for the draw and publication tests and their access-matrix requests: a third officer in the demo
// officers' county, a case walked to closed through the case service (no PDFs rendered), and draws stored
// directly (an empty directory, so they need no officers) for the read, verify and void requests.
import type { Kysely } from 'kysely';
import { DEFAULT_DRAW_POLICY, drawInspection, drawSeed } from '@ecoenforce/domain';
import type { Schema } from '../src/platform/db/schema.ts';
import { createUser } from '../src/accounts/users.ts';
import { applyAction, openCase, type CaseContext } from '../src/enforcement/cases/cases.ts';
import type { Role } from '../src/access/model.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-users.ts';
import { filedCase, userId, WORKED_FINE } from './case-fixtures.ts';
import type { HttpRig, Session } from './http-fixtures.ts';

const HOUR = 3_600_000;

/** 'officer3', in the demo officer's county; created once. */
export async function thirdOfficer(db: Kysely<Schema>): Promise<number> {
  const existing = await db.selectFrom('users').select('id').where('username', '=', 'officer3').executeTakeFirst();
  if (existing !== undefined) return Number(existing.id);
  const first = await db.selectFrom('users').select('region_code').where('username', '=', 'officer').executeTakeFirstOrThrow();
  return createUser(db, { username: 'officer3', displayName: '执法人员三', password: DEMO_PASSWORD, role: 'officer', regionCode: first.region_code }, Date.now());
}

async function ctx(db: Kysely<Schema>, username: string, role: Role, at: number): Promise<CaseContext> {
  const id = await userId(db, username);
  return { userId: id, role, actor: { kind: 'user', id, name: username }, ip: null, at };
}

/**
 * A case of the enterprise taken from opening to closing with the worked fine (230,000 yuan): the demo
 * officers investigate, the legal reviewer reviews, the head files, decides and closes. `facts` go into the
 * case's details. Acts an hour apart from `at`.
 */
export async function closedCase(db: Kysely<Schema>, enterpriseId: number, at: number, facts: string): Promise<{ id: number; number: string }> {
  let t = at;
  let row = await openCase(db, { enterpriseId, matterCode: 'AIR-99-2', discoveredAt: at, details: { cause: '超标排放大气污染物案', facts, evidence: [{ name: '自动监控数据', detail: 'DA001 2026-11-28' }] } }, await ctx(db, 'officer', 'officer', t));
  const officers = [await userId(db, 'officer'), await userId(db, 'officer2')];
  const steps: Array<[string, Role, string, Record<string, unknown>]> = [
    ['head', 'head', 'file', {}],
    ['officer', 'officer', 'start_investigation', { officers }],
    ['officer', 'officer', 'order_correction', { requirement: '立即停止超标排放', deadlineDays: 30 }],
    ['officer', 'officer', 'record_discretion', WORKED_FINE],
    ['officer', 'officer', 'issue_advance_notice', {}],
    ['officer', 'officer', 'waive_hearing', {}],
    ['officer', 'officer', 'submit_for_review', {}],
    ['legal', 'legalReviewer', 'complete_legal_review', {}],
    ['head', 'head', 'decide', {}],
    ['officer', 'officer', 'serve', {}],
    ['officer', 'officer', 'record_payment', { amount: 230_000 }],
    ['head', 'head', 'close', {}],
  ];
  for (const [user, role, action, input] of steps) {
    t += HOUR;
    row = (await applyAction(db, null, row.id, { action: action as never, input, version: row.version }, await ctx(db, user, role, t))).row;
  }
  if (row.state !== 'closed') throw new Error(`the fixture case ended in ${row.state}`);
  return { id: row.id, number: row.number };
}

let drawSeq = 0;

/** A draw stored directly for a region with an empty directory (nothing drawn, no tasks). */
export async function storedDraw(db: Kysely<Schema>, regionCode: string, at: number): Promise<number> {
  const period = String(3000 + ++drawSeq);
  const inputs = {
    seed: drawSeed({ published: 'fixture', regionCode, period }), regionCode, period, drawnAt: at, publishableAfter: at, policy: { ...DEFAULT_DRAW_POLICY },
    candidates: [], officers: [], conflicts: [], pastInspections: [],
  };
  const r = drawInspection(inputs);
  if (!r.ok) throw new Error(r.error.message);
  const row = await db.insertInto('draws').values({
    region_code: regionCode, period, published_value: 'fixture', seed: r.record.seed, record: JSON.stringify(r.record), inputs: JSON.stringify(inputs), inputs_digest: r.record.inputsDigest,
    result_digest: r.record.resultDigest, drawn_at: at, drawn_by: 1, publishable_after: at, published_at: at, tasks: '[]', voided_at: null, voided_by: null, void_reason: null, live_key: `${regionCode}|${period}`,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

type Req = { method: string; url: string; payload?: unknown };
type MatrixCase = { inside: (rig: HttpRig, s: Session | null) => Req | Promise<Req>; outside?: (rig: HttpRig) => Req | Promise<Req> };

const regionOf = async (rig: HttpRig, enterpriseId: number): Promise<string> =>
  (await rig.store.database.db.selectFrom('enterprises').select('region_code').where('id', '=', enterpriseId).executeTakeFirstOrThrow()).region_code;
const get = (url: string): Req => ({ method: 'GET', url });
let periodSeq = 0;
let closedSeq = 0;

/** The draw and publication routes' requests for the access matrix (http-access.test.ts). */
export const publicationCases: Record<string, MatrixCase> = {
  'GET /api/draws/policy': { inside: () => get('/api/draws/policy') },
  'GET /api/draws': { inside: () => get('/api/draws') },
  'POST /api/draws': {
    // A fresh year each time: one standing draw per region and period. The county has the two demo officers.
    inside: async (rig) => ({ method: 'POST', url: '/api/draws', payload: { regionCode: await regionOf(rig, rig.inside.enterpriseId), period: String(2100 + ++periodSeq), published: 'matrix' } }),
    outside: async (rig) => ({ method: 'POST', url: '/api/draws', payload: { regionCode: await regionOf(rig, rig.outside.enterpriseId), period: String(2100 + ++periodSeq), published: 'matrix' } }),
  },
  'GET /api/draws/officers': { inside: () => get('/api/draws/officers') },
  'GET /api/draws/quota': {
    inside: async (rig) => get(`/api/draws/quota?regionCode=${await regionOf(rig, rig.inside.enterpriseId)}&year=2026`),
    outside: async (rig) => get(`/api/draws/quota?regionCode=${await regionOf(rig, rig.outside.enterpriseId)}&year=2026`),
  },
  'GET /api/draws/:id': {
    inside: async (rig) => get(`/api/draws/${await storedDraw(rig.store.database.db, await regionOf(rig, rig.inside.enterpriseId), rig.clock.now)}`),
    outside: async (rig) => get(`/api/draws/${await storedDraw(rig.store.database.db, await regionOf(rig, rig.outside.enterpriseId), rig.clock.now)}`),
  },
  'GET /api/draws/:id/verify': {
    inside: async (rig) => get(`/api/draws/${await storedDraw(rig.store.database.db, await regionOf(rig, rig.inside.enterpriseId), rig.clock.now)}/verify`),
    outside: async (rig) => get(`/api/draws/${await storedDraw(rig.store.database.db, await regionOf(rig, rig.outside.enterpriseId), rig.clock.now)}/verify`),
  },
  'POST /api/draws/:id/void': {
    inside: async (rig) => ({ method: 'POST', url: `/api/draws/${await storedDraw(rig.store.database.db, await regionOf(rig, rig.inside.enterpriseId), rig.clock.now)}/void`, payload: { reason: 'matrix' } }),
    outside: async (rig) => ({ method: 'POST', url: `/api/draws/${await storedDraw(rig.store.database.db, await regionOf(rig, rig.outside.enterpriseId), rig.clock.now)}/void`, payload: { reason: 'matrix' } }),
  },
  'GET /api/positive-list': { inside: () => get('/api/positive-list') },
  'POST /api/positive-list': {
    inside: async (rig) => {
      // One listing in force per unit: end the previous one so the request can succeed again.
      await rig.store.database.db.updateTable('positive_list').set({ removed_at: rig.clock.now - 1 }).where('enterprise_id', '=', rig.inside.enterpriseId).where('removed_at', 'is', null).execute();
      return { method: 'POST', url: '/api/positive-list', payload: { enterpriseId: rig.inside.enterpriseId, reason: 'matrix' } };
    },
    outside: (rig) => ({ method: 'POST', url: '/api/positive-list', payload: { enterpriseId: rig.outside.enterpriseId, reason: 'matrix' } }),
  },
  'POST /api/positive-list/:id/remove': {
    inside: async (rig) => {
      const db = rig.store.database.db;
      await db.updateTable('positive_list').set({ removed_at: rig.clock.now - 1 }).where('enterprise_id', '=', rig.inside.enterpriseId).where('removed_at', 'is', null).execute();
      const row = await db.insertInto('positive_list').values({ enterprise_id: rig.inside.enterpriseId, region_code: await regionOf(rig, rig.inside.enterpriseId), listed_at: rig.clock.now - 10, valid_to: null, reason: 'matrix', created_by: 1, removed_at: null, removed_by: null, remove_reason: null }).returning('id').executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/positive-list/${row.id}/remove`, payload: { reason: 'matrix' } };
    },
  },
  'GET /api/officer-conflicts': { inside: () => get('/api/officer-conflicts') },
  'POST /api/officer-conflicts': {
    inside: async (rig) => {
      // officer3, so the two demo officers stay free for the matrix's draws.
      const db = rig.store.database.db;
      const officerId = await thirdOfficer(db);
      await db.updateTable('officer_conflicts').set({ withdrawn_at: rig.clock.now - 1 }).where('officer_id', '=', officerId).where('withdrawn_at', 'is', null).execute();
      return { method: 'POST', url: '/api/officer-conflicts', payload: { officerId, enterpriseId: rig.inside.enterpriseId, reason: 'matrix' } };
    },
    outside: async (rig) => ({ method: 'POST', url: '/api/officer-conflicts', payload: { officerId: await thirdOfficer(rig.store.database.db), enterpriseId: rig.outside.enterpriseId, reason: 'matrix' } }),
  },
  'POST /api/officer-conflicts/:id/withdraw': {
    inside: async (rig) => {
      const db = rig.store.database.db;
      const row = await db.insertInto('officer_conflicts').values({ officer_id: await thirdOfficer(db), enterprise_id: rig.inside.enterpriseId, reason: 'matrix', declared_at: rig.clock.now - 10, declared_by: 1, withdrawn_at: null }).returning('id').executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/officer-conflicts/${row.id}/withdraw` };
    },
  },
  'GET /api/typical-cases': { inside: () => get('/api/typical-cases') },
  'GET /api/typical-cases/candidates': { inside: () => get('/api/typical-cases/candidates') },
  'POST /api/typical-cases/preview': {
    inside: async (rig) => ({ method: 'POST', url: '/api/typical-cases/preview', payload: { caseId: (await closedCase(rig.store.database.db, rig.inside.enterpriseId, rig.clock.now - 48 * HOUR, `matrix ${++closedSeq}`)).id } }),
    outside: async (rig) => ({ method: 'POST', url: '/api/typical-cases/preview', payload: { caseId: (await filedCase(rig.store.database.db, rig.outside.enterpriseId, rig.clock.now - HOUR)).id } }),
  },
  'POST /api/typical-cases': {
    inside: async (rig) => ({ method: 'POST', url: '/api/typical-cases', payload: { caseId: (await closedCase(rig.store.database.db, rig.inside.enterpriseId, rig.clock.now - 48 * HOUR, `matrix ${++closedSeq}`)).id, batch: '2026年第一批' } }),
    outside: async (rig) => ({ method: 'POST', url: '/api/typical-cases', payload: { caseId: (await filedCase(rig.store.database.db, rig.outside.enterpriseId, rig.clock.now - HOUR)).id, batch: '2026年第一批' } }),
  },
  'POST /api/typical-cases/:id/withdraw': {
    inside: async (rig) => {
      const db = rig.store.database.db;
      const row = await db.insertInto('typical_cases').values({ case_id: 1, batch: 'matrix', region_code: await regionOf(rig, rig.inside.enterpriseId), title: 'matrix', content: '{}', published_at: rig.clock.now, published_by: 1, withdrawn_at: null, withdrawn_by: null, withdraw_reason: null }).returning('id').executeTakeFirstOrThrow();
      return { method: 'POST', url: `/api/typical-cases/${row.id}/withdraw`, payload: { reason: 'matrix' } };
    },
  },
  'GET /api/public/draws': { inside: () => get('/api/public/draws') },
  'GET /api/public/draws/:id': { inside: async (rig) => get(`/api/public/draws/${await storedDraw(rig.store.database.db, await regionOf(rig, rig.inside.enterpriseId), rig.clock.now)}`) },
  'GET /api/public/typical-cases': { inside: () => get('/api/public/typical-cases') },
  'GET /api/public/typical-cases/:id': {
    inside: async (rig) => {
      const db = rig.store.database.db;
      const row = await db.insertInto('typical_cases').values({ case_id: 1, batch: 'matrix', region_code: await regionOf(rig, rig.inside.enterpriseId), title: 'matrix', content: '{}', published_at: rig.clock.now, published_by: 1, withdrawn_at: null, withdrawn_by: null, withdraw_reason: null }).returning('id').executeTakeFirstOrThrow();
      return get(`/api/public/typical-cases/${row.id}`);
    },
  },
  'GET /api/public/decisions': { inside: () => get('/api/public/decisions') },
};
