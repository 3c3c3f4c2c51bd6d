// The people a case page names: the staff who may be named on a case in its region (the investigators
// [APL 42] and the collective discussion's participants [APL 57]), and display names for the user ids the
// record keeps (the duty record, the documents), so the console never shows a bare id.
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.ts';
import { regionPrefix } from '../http/access.ts';

export interface CaseStaff {
  id: number;
  displayName: string;
  role: string;
  regionCode: string;
  /** 执法证号, shown beside an investigator's name (APL 42); null when the registry holds none. */
  certificateNo: string | null;
}

/** The roles that take part in a case (cases.ts CASE_ROLE); case-inputs.ts checks each action's own subset. */
const CASE_ROLES = ['officer', 'dispatcher', 'legalReviewer', 'head'] as const;

/** Active staff of the case roles whose region covers the case's region, by id. */
export async function caseStaff(db: Kysely<Schema>, regionCode: string): Promise<CaseStaff[]> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role', 'region_code', 'certificate_no'])
    .where('role', 'in', [...CASE_ROLES]).where('active', '=', 1).orderBy('id').execute();
  return rows.filter((u) => regionCode.startsWith(regionPrefix(u.region_code)))
    .map((u) => ({ id: Number(u.id), displayName: u.display_name, role: u.role, regionCode: u.region_code, certificateNo: u.certificate_no }));
}

/** Display names of these user ids (as the record keeps them, strings); an unknown id is left out. */
export async function userNames(db: Kysely<Schema>, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].map(Number).filter((n) => Number.isInteger(n) && n > 0))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [String(r.id), r.display_name]));
}
