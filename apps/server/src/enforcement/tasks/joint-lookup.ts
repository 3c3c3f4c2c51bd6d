// The two reads a joint-enforcement request needs from outside the caller's jurisdiction (issue 14):
// the regions it may ask, and the unit it asks about, chosen by name.
//
// Why a narrow lookup rather than letting the requester describe the unit in free text for the receiving
// region to bind: a typed name or USCC is often slightly wrong, and the receiving region would have to
// find the unit again before it can dispatch, losing the SLA's first day; and the requester usually knows
// the unit by its registered name. The lookup reveals no more than the national enterprise credit
// publicity system already publishes (name and 统一社会信用代码), and it is kept narrow by design:
// - only a dispatcher (tasks.dispatch) may ask, and only about one region OUTSIDE its own jurisdiction
//   (inside it, the ordinary registry applies);
// - a search needs at least two characters of the name or USCC and answers at most JOINT_LOOKUP_MAX units,
//   so the other region's registry cannot be listed page by page;
// - it answers ids, names and USCCs only: no address, permit, point, reading or warning;
// - every lookup writes an audit row (who asked which region for what, and how many matched).
import type { Kysely } from 'kysely';
import { isValidRegionCode } from '@ecoenforce/domain';
import type { JointEnterprise, Region } from '@ecoenforce/contract';
import { recordAudit } from '../../platform/audit.ts';
import { likeText } from '../../platform/db/like.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { regionPrefix, type Scope } from '../../access/index.ts';
import { TaskError, type TaskContext } from './tasks.ts';

/** The most units one lookup answers; a longer fragment narrows them. */
export const JOINT_LOOKUP_MAX = 10;
/** The shortest name or USCC fragment a lookup accepts. */
export const JOINT_LOOKUP_MIN_CHARS = 2;

/** Regions a joint request may be sent to: every region outside the caller's jurisdiction, by code (their names are public, GB/T 2260). */
export async function jointRegions(db: Kysely<Schema>, scope: Scope): Promise<Region[]> {
  const rows = await db.selectFrom('regions').selectAll().where('code', 'not like', `${scope.regionPrefix}%`).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
}

/** Units of `regionCode` (and the regions below it) whose name contains, or whose USCC starts with, `q`; audited. */
export async function jointEnterprises(db: Kysely<Schema>, regionCode: string, q: string, ctx: TaskContext): Promise<JointEnterprise[]> {
  if (!isValidRegionCode(regionCode)) throw new TaskError('bad_request', 'not a GB/T 2260 region code', 'regionCode');
  if (regionCode.startsWith(ctx.scope.regionPrefix)) {
    throw new TaskError('bad_request', 'the region is within your own: use the registry instead', 'regionCode');
  }
  const text = likeText(q.trim());
  if ([...text].length < JOINT_LOOKUP_MIN_CHARS) throw new TaskError('bad_request', `type at least ${JOINT_LOOKUP_MIN_CHARS} characters of the name or USCC`, 'q');
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('enterprises')
      .select(['id', 'name', 'uscc'])
      .where('region_code', 'like', `${regionPrefix(regionCode)}%`)
      .where((eb) => eb.or([eb('name', 'like', `%${text}%`), eb('uscc', 'like', `${text}%`)]))
      .orderBy('name')
      .orderBy('id')
      .limit(JOINT_LOOKUP_MAX)
      .execute();
    const out = rows.map((r) => ({ id: Number(r.id), name: r.name, uscc: r.uscc }));
    await recordAudit(trx, {
      actor: ctx.actor, action: 'joint_lookup', entity: 'region', entityId: regionCode, after: { q: q.trim(), found: out.map((e) => e.id) }, ip: ctx.ip, at: ctx.at,
    });
    return out;
  });
}
