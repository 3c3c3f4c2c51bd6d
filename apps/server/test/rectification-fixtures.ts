// The access-matrix requests of the rectification routes (http-access.test.ts spreads them): each against a
// fresh order of the enterprise, made through the service at T0 so every mutation finds it open.
import { createHash } from 'node:crypto';
import { createOrder, submitProofOf } from '../src/enforcement/rectification/rectification.ts';
import { filedCase, secondOfficer, userId } from './case-fixtures.ts';
import { T0, type HttpRig, type Session } from './http-fixtures.ts';

type Req = { method: string; url: string; payload?: unknown };
interface Case {
  inside: (rig: HttpRig, s: Session | null) => Req | Promise<Req>;
  outside?: (rig: HttpRig) => Req | Promise<Req>;
}

const SYSTEM = { kind: 'system' as const, id: null, name: 'matrix' };
const EVERYWHERE = { regionPrefix: '', enterpriseIds: null };

/** A fresh open order of the enterprise, served at T0; with one proof file when asked. */
async function freshOrder(rig: HttpRig, enterpriseId: number, withFile = false): Promise<{ id: number; fileId: number | null }> {
  const db = rig.store.database.db;
  const ctx = { actor: SYSTEM, userId: 1, scope: EVERYWHERE, ip: null, at: T0 };
  const row = await createOrder(db, { enterpriseId, caseId: null, requirement: 'matrix', deadlineDays: 10 }, ctx);
  if (!withFile) return { id: row.id, fileId: null };
  const bytes = Buffer.from('matrix proof');
  await submitProofOf(db, row.id, { text: 'matrix', files: [{ name: 'p.txt', sha256: createHash('sha256').update(bytes).digest('hex'), content: bytes.toString('base64') }] }, ctx);
  const f = await db.selectFrom('rectification_files as f').innerJoin('rectification_proofs as p', 'p.id', 'f.proof_id').select('f.id').where('p.rectification_id', '=', row.id).executeTakeFirstOrThrow();
  return { id: row.id, fileId: Number(f.id) };
}

const onOrder = (make: (id: number, rig: HttpRig) => Req | Promise<Req>): Case => ({
  inside: async (rig) => make((await freshOrder(rig, rig.inside.enterpriseId)).id, rig),
  outside: async (rig) => make((await freshOrder(rig, rig.outside.enterpriseId)).id, rig),
});
const officers = async (rig: HttpRig): Promise<number[]> => [await userId(rig.store.database.db, 'officer'), await secondOfficer(rig.store.database.db)];

export const rectificationCases: Record<string, Case> = {
  'GET /api/rectifications': { inside: () => ({ method: 'GET', url: '/api/rectifications' }) },
  'GET /api/rectifications/:id': onOrder((id) => ({ method: 'GET', url: `/api/rectifications/${id}` })),
  'GET /api/rectifications/:id/files/:fileId': {
    inside: async (rig) => { const o = await freshOrder(rig, rig.inside.enterpriseId, true); return { method: 'GET', url: `/api/rectifications/${o.id}/files/${o.fileId}` }; },
    outside: async (rig) => { const o = await freshOrder(rig, rig.outside.enterpriseId, true); return { method: 'GET', url: `/api/rectifications/${o.id}/files/${o.fileId}` }; },
  },
  'GET /api/rectifications/:id/staff': onOrder((id) => ({ method: 'GET', url: `/api/rectifications/${id}/staff` })),
  'POST /api/rectifications': {
    inside: (rig) => ({ method: 'POST', url: '/api/rectifications', payload: { enterpriseId: rig.inside.enterpriseId, requirement: 'matrix', deadlineDays: 10 } }),
    outside: (rig) => ({ method: 'POST', url: '/api/rectifications', payload: { enterpriseId: rig.outside.enterpriseId, requirement: 'matrix', deadlineDays: 10 } }),
  },
  'POST /api/rectifications/:id/proofs': onOrder((id) => ({ method: 'POST', url: `/api/rectifications/${id}/proofs`, payload: { text: 'matrix proof' } })),
  'POST /api/rectifications/:id/reinspection': onOrder((id) => ({ method: 'POST', url: `/api/rectifications/${id}/reinspection` })),
  'POST /api/rectifications/:id/outcome': onOrder(async (id, rig) => ({ method: 'POST', url: `/api/rectifications/${id}/outcome`, payload: { corrected: true, reinspectedAt: T0, officers: await officers(rig), findings: 'matrix' } })),
  'POST /api/rectifications/:id/measures': onOrder((id) => ({ method: 'POST', url: `/api/rectifications/${id}/measures`, payload: { kind: 'restrict', at: T0, note: 'matrix' } })),
  'POST /api/rectifications/:id/cancel': onOrder((id) => ({ method: 'POST', url: `/api/rectifications/${id}/cancel`, payload: { reason: 'matrix' } })),
  'GET /api/cases/:id/rectifications': {
    inside: async (rig) => ({ method: 'GET', url: `/api/cases/${(await filedCase(rig.store.database.db, rig.inside.enterpriseId, T0)).id}/rectifications` }),
    outside: async (rig) => ({ method: 'GET', url: `/api/cases/${(await filedCase(rig.store.database.db, rig.outside.enterpriseId, T0)).id}/rectifications` }),
  },
};
