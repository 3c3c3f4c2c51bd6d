// Editing discharge permits and their limits in the console (issue 4 §1). Imports (registry-import.ts) and
// these edits write the same tables; the compliance checks read whatever limit is in force at each period
// (limitsInForce), so every edit also says which outlets and which span of time may now be judged
// differently. Each mutation runs in one transaction with its audit row (before/after).
import type { Kysely } from 'kysely';
import { factorInfo } from '@ecoenforce/hj212';
import { recordAudit, type AuditActor } from '../platform/audit.ts';
import type { LimitBasisColumn, PermitStatusColumn, Schema, SpecialKindColumn } from '../platform/db/schema.ts';
import type { Permit, PermitLimit } from './repositories/permits.ts';

export type PermitEditErrorCode =
  | 'not_found'
  | 'invalid_period'
  | 'unknown_outlet'
  | 'unknown_factor'
  | 'factor_kind_mismatch'
  | 'not_applicable'
  | 'duplicate_limit'
  | 'duplicate_number';

/** A rejected edit: `field` names the input at fault; the route turns it into 400 / 404 / 409. */
export class PermitEditError extends Error {
  constructor(
    readonly code: PermitEditErrorCode,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface EditContext {
  actor: AuditActor;
  ip: string | null;
  at: number;
}

/** The outlets whose judgement may change, over [from, to) (the permit's validity, before and after). */
export interface Affected {
  outletIds: number[];
  from: number;
  to: number;
}

export interface PermitInput {
  number: string;
  issuedAt: number;
  validFrom: number;
  /** Exclusive: the first instant no longer covered. */
  validTo: number;
  issuer: string;
  status: PermitStatusColumn;
}

export interface LimitInput {
  outletId: number;
  factor: string;
  limit: number;
  unit: string;
  basis: LimitBasisColumn;
  referenceO2: number | null;
  annualQuantityT: number | null;
  standard: string | null;
  note: string | null;
  /** Null: the ordinary limit; otherwise the special-period limit of that kind [PRM 13–14]. */
  specialKind: SpecialKindColumn | null;
}

const permitAudit = (p: Permit) => ({
  enterpriseId: Number(p.enterprise_id), number: p.number, issuedAt: Number(p.issued_at), validFrom: Number(p.valid_from), validTo: Number(p.valid_to), issuer: p.issuer, status: p.status,
});
const limitAudit = (l: PermitLimit) => ({
  permitId: Number(l.permit_id), outletId: Number(l.outlet_id), factor: l.factor, limit: l.limit_value, unit: l.unit, basis: l.basis, referenceO2: l.reference_o2,
  annualQuantityT: l.annual_quantity_t, standard: l.standard, note: l.note, specialKind: l.special_kind,
});

function checkPeriod(validFrom: number, validTo: number): void {
  if (!(validFrom < validTo)) throw new PermitEditError('invalid_period', 'validTo', 'the permit must end after it starts');
}

async function permitOf(db: Kysely<Schema>, enterpriseId: number, permitId: number): Promise<Permit> {
  const p = await db.selectFrom('permits').selectAll().where('id', '=', permitId).where('enterprise_id', '=', enterpriseId).executeTakeFirst();
  if (p === undefined) throw new PermitEditError('not_found', null, `permit ${permitId} not found`);
  return p;
}

async function numberTaken(db: Kysely<Schema>, number: string, exceptId: number | null): Promise<void> {
  let q = db.selectFrom('permits').select('id').where('number', '=', number);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if ((await q.executeTakeFirst()) !== undefined) throw new PermitEditError('duplicate_number', 'number', `a permit numbered ${number} already exists`);
}

export async function createPermit(db: Kysely<Schema>, enterpriseId: number, input: PermitInput, ctx: EditContext): Promise<Permit> {
  checkPeriod(input.validFrom, input.validTo);
  return db.transaction().execute(async (trx) => {
    await numberTaken(trx, input.number, null);
    const row = await trx
      .insertInto('permits')
      .values({ enterprise_id: enterpriseId, number: input.number, issued_at: input.issuedAt, valid_from: input.validFrom, valid_to: input.validTo, issuer: input.issuer, status: input.status })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'create', entity: 'permit', entityId: Number(row.id), after: permitAudit(row), ip: ctx.ip, at: ctx.at });
    return row;
  });
}

/** Changes a permit's number, dates, issuer or status. A new permit has no limits, so only edits can affect judgements. */
export async function updatePermit(db: Kysely<Schema>, enterpriseId: number, permitId: number, patch: Partial<PermitInput>, ctx: EditContext): Promise<{ permit: Permit; affected: Affected }> {
  return db.transaction().execute(async (trx) => {
    const before = await permitOf(trx, enterpriseId, permitId);
    const next = {
      number: patch.number ?? before.number, issued_at: patch.issuedAt ?? Number(before.issued_at), valid_from: patch.validFrom ?? Number(before.valid_from),
      valid_to: patch.validTo ?? Number(before.valid_to), issuer: patch.issuer ?? before.issuer, status: patch.status ?? before.status,
    };
    checkPeriod(next.valid_from, next.valid_to);
    if (next.number !== before.number) await numberTaken(trx, next.number, permitId);
    const row = await trx.updateTable('permits').set(next).where('id', '=', permitId).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'update', entity: 'permit', entityId: permitId, before: permitAudit(before), after: permitAudit(row), ip: ctx.ip, at: ctx.at });
    const outlets = await trx.selectFrom('permit_limits').select('outlet_id').distinct().where('permit_id', '=', permitId).execute();
    // Old and new validity both: hours that lose the permit and hours that gain it.
    const affected = {
      outletIds: outlets.map((o) => Number(o.outlet_id)),
      from: Math.min(Number(before.valid_from), next.valid_from),
      to: Math.max(Number(before.valid_to), next.valid_to),
    };
    return { permit: row, affected };
  });
}

async function checkLimit(db: Kysely<Schema>, permit: Permit, l: LimitInput, exceptId: number | null): Promise<string> {
  const outlet = await db.selectFrom('outlets').select(['id', 'kind']).where('id', '=', l.outletId).where('enterprise_id', '=', permit.enterprise_id).executeTakeFirst();
  if (outlet === undefined) throw new PermitEditError('unknown_outlet', 'outletId', `the permit holder has no outlet ${l.outletId}`);
  // Limits are keyed by the 2017 code (HJ 212-2017 Appendix B); a 2005 code is accepted and translated.
  const code = factorInfo(l.factor)?.code2017 ?? '';
  if (code === '') throw new PermitEditError('unknown_factor', 'factor', `${l.factor} is not an HJ 212-2017 factor code`);
  const medium = code.startsWith('a') ? 'air' : code.startsWith('w') ? 'water' : null;
  if (medium !== outlet.kind) throw new PermitEditError('factor_kind_mismatch', 'factor', `${code} is not measured at ${outlet.kind} outlets`);
  // GB 13271-2014 §5.2: the converted concentration (and so a reference O2) is for flue gas only.
  if (outlet.kind === 'water' && l.referenceO2 !== null) throw new PermitEditError('not_applicable', 'referenceO2', 'reference O2 applies to flue gas only');
  // The permitted annual quantity is the permit's, not a period's: it stays on the ordinary row.
  if (l.specialKind !== null && l.annualQuantityT !== null) throw new PermitEditError('not_applicable', 'annualQuantityT', 'an annual quantity belongs on the ordinary limit, not a special-period one');
  let dup = db
    .selectFrom('permit_limits')
    .select('id')
    .where('permit_id', '=', permit.id)
    .where('outlet_id', '=', l.outletId)
    .where('factor', '=', code)
    .where('basis', '=', l.basis)
    .where('special_kind', l.specialKind === null ? 'is' : '=', l.specialKind);
  if (exceptId !== null) dup = dup.where('id', '!=', exceptId);
  if ((await dup.executeTakeFirst()) !== undefined) throw new PermitEditError('duplicate_limit', 'factor', `the permit already has a ${l.basis} ${l.specialKind ?? 'ordinary'} limit of ${code} at this outlet`);
  return code;
}

const limitRow = (l: LimitInput, factor: string) => ({
  outlet_id: l.outletId, factor, limit_value: l.limit, unit: l.unit, basis: l.basis, reference_o2: l.referenceO2, annual_quantity_t: l.annualQuantityT, standard: l.standard, note: l.note, special_kind: l.specialKind,
});
const validity = (p: Permit, outletIds: number[]): Affected => ({ outletIds: [...new Set(outletIds)], from: Number(p.valid_from), to: Number(p.valid_to) });

export async function addLimit(db: Kysely<Schema>, enterpriseId: number, permitId: number, input: LimitInput, ctx: EditContext): Promise<{ limit: PermitLimit; affected: Affected }> {
  return db.transaction().execute(async (trx) => {
    const permit = await permitOf(trx, enterpriseId, permitId);
    const factor = await checkLimit(trx, permit, input, null);
    const row = await trx.insertInto('permit_limits').values({ permit_id: permitId, ...limitRow(input, factor) }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'create', entity: 'permit_limit', entityId: Number(row.id), after: limitAudit(row), ip: ctx.ip, at: ctx.at });
    return { limit: row, affected: validity(permit, [input.outletId]) };
  });
}

async function limitOf(db: Kysely<Schema>, permitId: number, limitId: number): Promise<PermitLimit> {
  const l = await db.selectFrom('permit_limits').selectAll().where('id', '=', limitId).where('permit_id', '=', permitId).executeTakeFirst();
  if (l === undefined) throw new PermitEditError('not_found', null, `limit ${limitId} not found`);
  return l;
}

export async function updateLimit(
  db: Kysely<Schema>, enterpriseId: number, permitId: number, limitId: number, patch: Partial<LimitInput>, ctx: EditContext,
): Promise<{ limit: PermitLimit; affected: Affected }> {
  return db.transaction().execute(async (trx) => {
    const permit = await permitOf(trx, enterpriseId, permitId);
    const before = await limitOf(trx, permitId, limitId);
    const next: LimitInput = {
      outletId: patch.outletId ?? Number(before.outlet_id), factor: patch.factor ?? before.factor, limit: patch.limit ?? before.limit_value, unit: patch.unit ?? before.unit,
      basis: patch.basis ?? before.basis, referenceO2: patch.referenceO2 === undefined ? before.reference_o2 : patch.referenceO2,
      annualQuantityT: patch.annualQuantityT === undefined ? before.annual_quantity_t : patch.annualQuantityT,
      standard: patch.standard === undefined ? before.standard : patch.standard, note: patch.note === undefined ? before.note : patch.note,
      specialKind: patch.specialKind === undefined ? before.special_kind : patch.specialKind,
    };
    const factor = await checkLimit(trx, permit, next, limitId);
    const row = await trx.updateTable('permit_limits').set(limitRow(next, factor)).where('id', '=', limitId).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, { actor: ctx.actor, action: 'update', entity: 'permit_limit', entityId: limitId, before: limitAudit(before), after: limitAudit(row), ip: ctx.ip, at: ctx.at });
    return { limit: row, affected: validity(permit, [Number(before.outlet_id), next.outletId]) };
  });
}

export async function removeLimit(db: Kysely<Schema>, enterpriseId: number, permitId: number, limitId: number, ctx: EditContext): Promise<Affected> {
  return db.transaction().execute(async (trx) => {
    const permit = await permitOf(trx, enterpriseId, permitId);
    const before = await limitOf(trx, permitId, limitId);
    await trx.deleteFrom('permit_limits').where('id', '=', limitId).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'delete', entity: 'permit_limit', entityId: limitId, before: limitAudit(before), ip: ctx.ip, at: ctx.at });
    return validity(permit, [Number(before.outlet_id)]);
  });
}

/** How far back an edit re-closes hours: older closed periods stay as judged (and as reported). */
export const RECLOSE_WINDOW_MS = 31 * 24 * 3600_000;

/** The points whose closed hours and days to judge again after an edit: the affected span within the window before `now`. */
export async function reclosePlan(db: Kysely<Schema>, a: Affected, now: number): Promise<Array<{ pointId: number; from: number; to: number }>> {
  const from = Math.max(a.from, now - RECLOSE_WINDOW_MS);
  const to = Math.min(a.to, now);
  if (from >= to || a.outletIds.length === 0) return [];
  const points = await db.selectFrom('monitoring_points').select('id').where('outlet_id', 'in', a.outletIds).orderBy('id').execute();
  return points.map((p) => ({ pointId: Number(p.id), from, to }));
}
