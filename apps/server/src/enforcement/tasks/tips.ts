// 12369 tips (issue 5 §1), typed in by staff. The reporter's identity is confidential: the law protects
// whistle-blowers (EPL art. 57: the authority keeps the reporter's information confidential — not in
// rules.md, cited from the statute), so reporter name and phone leave this module only for a caller whose
// role has tips.reporter, and never in public output or an enterprise's view.
import type { Kysely } from 'kysely';
import type { Tip } from '@ecoenforce/contract';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema, TipsTable } from '../../platform/db/schema.ts';
import { canSee, regionPrefix, type Scope } from '../../access/index.ts';
import { TaskError, type TaskContext } from './tasks.ts';

export interface TipInput {
  receivedAt: number;
  channel: TipsTable['channel'];
  reporterName?: string | undefined;
  reporterPhone?: string | undefined;
  content: string;
  enterpriseId?: number | undefined;
  location?: string | undefined;
  regionCode: string;
}

export function tipView(r: Pick<TipsTable, 'received_at' | 'channel' | 'reporter_name' | 'reporter_phone' | 'content' | 'enterprise_id' | 'location' | 'region_code' | 'created_by' | 'created_at'> & { id: number }, seesReporter: boolean): Tip {
  const recorded = r.reporter_name !== null || r.reporter_phone !== null;
  return {
    id: Number(r.id), receivedAt: Number(r.received_at), channel: r.channel,
    reporterName: seesReporter ? r.reporter_name : null, reporterPhone: seesReporter ? r.reporter_phone : null, reporterHidden: recorded && !seesReporter,
    content: r.content, enterpriseId: r.enterprise_id === null ? null : Number(r.enterprise_id), location: r.location, regionCode: r.region_code,
    createdBy: Number(r.created_by), createdAt: Number(r.created_at),
  };
}

/** Records a tip in the caller's region (a region outside it is "not found", like any other resource). */
export async function createTip(db: Kysely<Schema>, input: TipInput, ctx: TaskContext): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (region === undefined || !canSee(ctx.scope, { regionCode: input.regionCode, enterpriseId: null })) throw new TaskError('not_found', `region ${input.regionCode} not found`, 'regionCode');
    if (input.enterpriseId !== undefined) {
      const e = await trx.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', input.enterpriseId).executeTakeFirst();
      if (e === undefined || !canSee(ctx.scope, { regionCode: e.region_code, enterpriseId: e.id })) throw new TaskError('not_found', `enterprise ${input.enterpriseId} not found`, 'enterpriseId');
      if (!e.region_code.startsWith(regionPrefix(input.regionCode))) {
        throw new TaskError('bad_request', `enterprise ${input.enterpriseId} is not in region ${input.regionCode}`, 'enterpriseId');
      }
    }
    const { id } = await trx
      .insertInto('tips')
      .values({
        received_at: input.receivedAt, channel: input.channel, reporter_name: input.reporterName ?? null, reporter_phone: input.reporterPhone ?? null, content: input.content,
        enterprise_id: input.enterpriseId ?? null, location: input.location ?? null, region_code: input.regionCode, created_by: ctx.userId, created_at: ctx.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The audit row records that a reporter was given, never who: the audit log is read more widely.
    await recordAudit(trx, {
      actor: ctx.actor, action: 'create', entity: 'tip', entityId: Number(id), ip: ctx.ip, at: ctx.at,
      after: { receivedAt: input.receivedAt, channel: input.channel, reporterGiven: input.reporterName !== undefined || input.reporterPhone !== undefined, content: input.content, enterpriseId: input.enterpriseId ?? null, regionCode: input.regionCode },
    });
    return Number(id);
  });
}

/** Tips in the caller's region, newest first (keyset paging by id). */
export async function listTips(db: Kysely<Schema>, scope: Scope, seesReporter: boolean, limit: number, before: number | undefined): Promise<Tip[]> {
  let q = db.selectFrom('tips').selectAll().where('region_code', 'like', `${scope.regionPrefix}%`);
  if (before !== undefined) q = q.where('id', '<', before);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => tipView({ ...r, id: Number(r.id) }, seesReporter));
}
