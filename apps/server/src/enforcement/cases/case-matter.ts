// The catalogue a case runs under (issue 5 §4, §6): the enforcement matter at the version in force when the
// case was opened (cases.matter_version) and the discretion table at its version then (cases.table_version).
// The catalogue keeps every version (catalogue.ts), so an edit after the opening makes a new version that new
// cases take, while the running case's fine preview, fine, decision and documents stay on the old one.
import type { Kysely } from 'kysely';
import type { DiscretionTable, EnforcementMatter } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import type { CaseRow } from './cases.ts';

export interface PinnedCatalogue {
  matter: { code: string; version: number; matter: EnforcementMatter };
  table: { id: string; version: number; table: DiscretionTable } | null;
}

export type PinKeys = Pick<CaseRow, 'matter_code' | 'matter_version' | 'table_version' | 'created_at'>;

/** The matter and table versions the case was opened under. A stored version is never deleted, so both exist. */
export async function pinnedCatalogue(db: Kysely<Schema>, row: PinKeys): Promise<PinnedCatalogue> {
  const version = Number(row.matter_version);
  const m = await db.selectFrom('enforcement_matters').select('body').where('code', '=', row.matter_code).where('version', '=', version).executeTakeFirstOrThrow();
  const matter = JSON.parse(m.body) as EnforcementMatter;
  const id = matter.discretionTableId;
  if (id === null) return { matter: { code: row.matter_code, version, matter }, table: null };
  const q = db.selectFrom('discretion_tables').select(['version', 'body']).where('id', '=', id);
  // A case opened before table_version existed: the newest version stored by its opening (else the first).
  const t = row.table_version !== null
    ? await q.where('version', '=', Number(row.table_version)).executeTakeFirst()
    : (await q.where('created_at', '<=', Number(row.created_at)).orderBy('version', 'desc').limit(1).executeTakeFirst()) ??
      (await q.orderBy('version').limit(1).executeTakeFirst());
  return { matter: { code: row.matter_code, version, matter }, table: t === undefined ? null : { id, version: Number(t.version), table: JSON.parse(t.body) as DiscretionTable } };
}
