// Cases for the HTTP tests: a second officer in the first officer's county (an investigation needs two,
// APL 42), a case opened and filed through the service (no PDF), and the facts of the worked fine example.
import type { Kysely } from 'kysely';
import type { Schema } from '../src/platform/db/schema.ts';
import { createUser } from '../src/accounts/users.ts';
import { applyAction, openCase, type CaseContext } from '../src/enforcement/cases/cases.ts';
import type { Role } from '../src/access/model.ts';
import type { App } from '../src/http/app.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-users.ts';

export async function userId(db: Kysely<Schema>, username: string): Promise<number> {
  return Number((await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
}

/** 'officer2', in the demo officer's county; created once. */
export async function secondOfficer(db: Kysely<Schema>): Promise<number> {
  const existing = await db.selectFrom('users').select('id').where('username', '=', 'officer2').executeTakeFirst();
  if (existing !== undefined) return Number(existing.id);
  const first = await db.selectFrom('users').select('region_code').where('username', '=', 'officer').executeTakeFirstOrThrow();
  return createUser(db, { username: 'officer2', displayName: '执法人员二', password: DEMO_PASSWORD, role: 'officer', regionCode: first.region_code }, Date.now());
}

async function ctx(db: Kysely<Schema>, username: string, role: Role, at: number): Promise<CaseContext> {
  const id = await userId(db, username);
  return { userId: id, role, actor: { kind: 'user', id, name: username }, ip: null, at };
}

/** A case of the enterprise, opened by the officer and filed by the head (no documents rendered). */
export async function filedCase(db: Kysely<Schema>, enterpriseId: number, at: number): Promise<{ id: number; version: number }> {
  const row = await openCase(db, { enterpriseId, matterCode: 'AIR-99-2', discoveredAt: at }, await ctx(db, 'officer', 'officer', at));
  const filed = await applyAction(db, null, row.id, { action: 'file', input: {}, version: row.version }, await ctx(db, 'head', 'head', at));
  return { id: filed.row.id, version: filed.row.version };
}

/** A stored document row of the case (bytes need not be a real PDF for the access checks). */
export async function storedDocument(db: Kysely<Schema>, caseId: number, at: number): Promise<number> {
  const r = await db.insertInto('case_documents')
    .values({ case_id: caseId, kind: 'case_filing_form', number: null, sha256: '0'.repeat(64), bytes: Buffer.from('%PDF-1.4\n%fixture\n'), created_at: at, created_by: 1 })
    .returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The worked example of issue 5 §6: 2 pollutants, B-class, 2.5× over, first offence, AIR 99(2) → 230,000 yuan. */
export const WORKED_FINE = {
  facts: {
    pollutantCount: { proven: true, value: 2 },
    pollutantKind: { proven: true, levels: ['bClass'] },
    exceedanceMultiple: { proven: true, value: 2.5 },
    repeats: { proven: true, value: 1 },
  },
  // Still going on, serious enough not to be minor, not corrected yet: no gate applies (proceed).
  gates: {
    actEndedOn: null, harm: 'minor', firstViolation: true, correctedInTime: false,
    exceedance: { firstInPastYear: true, pollutants: [{ factor: 'a21026', pollutantClass: 'B', multiple: 2.5 }, { factor: 'a21002', pollutantClass: 'B', multiple: 2.5 }] },
  },
} as const;

/** Cd at 5 × its limit: exceeded by 4× (≥ 3×), a JI23 art. 1 heavy-metal flag. */
export const CADMIUM_EVIDENCE = { evidence: { metals: [{ metal: 'Cd', value: 0.5, limit: 0.1, ref: 'lab-2026-118' }] } } as const;

/**
 * An action the caller's role may take on a fresh filed case (for the access matrix): the dispatcher names
 * the investigators, the other case roles flag the cadmium evidence. Anonymous and roles without case access
 * get the flag request too; the access check answers before the domain does.
 */
export async function caseActionRequest(
  rig: { store: { database: { db: Kysely<Schema> } }; app: App },
  s: { cookie: string; csrf: string } | null,
  enterpriseId: number,
): Promise<{ method: string; url: string; payload: unknown }> {
  const db = rig.store.database.db;
  const c = await filedCase(db, enterpriseId, Date.UTC(2026, 10, 28, 2));
  const url = `/api/cases/${c.id}/actions`;
  let role: string | undefined;
  if (s !== null) {
    const me = await rig.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    role = me.json<{ user?: { role?: string } }>().user?.role;
  }
  if (role === 'dispatcher') {
    return { method: 'POST', url, payload: { action: 'start_investigation', input: { officers: [await userId(db, 'officer'), await secondOfficer(db)] }, version: c.version } };
  }
  return { method: 'POST', url, payload: { action: 'flag_criminal', input: CADMIUM_EVIDENCE, version: c.version } };
}
