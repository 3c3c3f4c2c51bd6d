// The staff a case page may name: those who may be named on a case in its region (the investigators
// [APL 42] and the collective discussion's participants [APL 57]). Display names for the ids the record keeps
// come from users.ts userNames.
import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/schema.ts';
import type { CaseStaff } from '@ecoenforce/contract';
import { activeStaffCovering } from '../../accounts/index.ts';

/** The roles that take part in a case (cases.ts CASE_ROLE); case-inputs.ts checks each action's own subset. */
const CASE_ROLES = ['officer', 'dispatcher', 'legalReviewer', 'head'] as const;

/** Active staff of the case roles whose region covers the case's region, by id. */
export function caseStaff(db: Kysely<Schema>, regionCode: string): Promise<CaseStaff[]> {
  return activeStaffCovering(db, regionCode, CASE_ROLES);
}
