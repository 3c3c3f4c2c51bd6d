// The audit trail for those who may read it (head, admin): newest first, paged, filtered by who, what action,
// what object and when, exportable, with the chain check on demand. Machine ingestion (the meter feed's pushes,
// one row each) is left out of the list unless asked for and summarised per day and source instead, so people's
// actions are not buried. Rows are shown as stored; nothing here can change them.
import { z } from 'zod';
import { sql, type SelectQueryBuilder } from 'kysely';
import { auditRowSchema, pageSchema, type AuditFacets, type AuditIngestDay, type AuditRow, type Page } from '@ecoenforce/contract';
import { verifyAuditChain } from '../platform/audit.ts';
import type { Schema } from '../platform/db/schema.ts';
import { decodeCursor, page, pageQuery, timeParam } from '../access/index.ts';
import { EXPORT_MAX_ROWS, sendExport } from './export.ts';
import { AUDIT_ACTION_ZH, AUDIT_ENTITY_ZH, CASE_ACTION_ZH, AUDIT_FIELD_ZH, AUDIT_STATUS_ZH, beijingMinute, ROLE_ZH, zhOf } from '../platform/export-labels.ts';
import type { RouteContext } from './routes.ts';

/** The action machine clients write per push (monitoring/meter-feed.ts). */
const INGEST = 'ingest';
const BEIJING_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

const filters = z.object({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  action: z.string().max(40).optional(),
  /** The acting user's id (a picker of names in the console). */
  actorId: z.coerce.number().int().positive().optional(),
  /** Kept for API clients that filter by the stored actor name. */
  actor: z.string().max(64).optional(),
  from: timeParam.optional(),
  to: timeParam.optional(),
  /** 'exclude' (default): people's actions only; 'include': everything; 'only': machine ingestion only. */
  machine: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
type Filters = z.infer<typeof filters>;

function filtered<O>(q: SelectQueryBuilder<Schema, 'audit_log', O>, f: Filters): SelectQueryBuilder<Schema, 'audit_log', O> {
  if (f.entity !== undefined) q = q.where('audit_log.entity', '=', f.entity);
  if (f.entityId !== undefined) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.action !== undefined) q = q.where('audit_log.action', '=', f.action);
  if (f.actorId !== undefined) q = q.where('audit_log.actor_kind', '=', 'user').where('audit_log.actor_id', '=', f.actorId);
  if (f.actor !== undefined) q = q.where('audit_log.actor_name', '=', f.actor);
  if (f.from !== undefined) q = q.where('audit_log.at', '>=', f.from);
  if (f.to !== undefined) q = q.where('audit_log.at', '<', f.to);
  if (f.machine === 'exclude') q = q.where('audit_log.action', '!=', INGEST);
  if (f.machine === 'only') q = q.where('audit_log.action', '=', INGEST);
  return q;
}

const EXPORT_COLUMNS = [
  { key: 'seq', header: '序号' }, { key: 'at', header: '时间（北京时间）' }, { key: 'actor', header: '操作人' }, { key: 'ip', header: '地址' },
  { key: 'action', header: '操作' }, { key: 'entity', header: '对象类型' }, { key: 'entityId', header: '对象编号' }, { key: 'changes', header: '变更内容（变更前 → 变更后）' }, { key: 'hash', header: '哈希值' },
];
const beijingTime = (t: number): string => new Date(t + BEIJING_MS).toISOString().slice(0, 19).replace('T', ' ');

// Actions and objects as the console names them (features/audit/audit-labels.ts): one it has no name for is
// '其他操作' / '其他对象', never its key.
/** A changed value as the console's change table shows it: a status by its name, nothing as '—'. */
function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return field === 'status' ? zhOf(AUDIT_STATUS_ZH, v) : field === 'role' ? zhOf(ROLE_ZH, v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return field.endsWith('At') && typeof v === 'number' ? beijingMinute(v) : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  return JSON.stringify(v);
}

/** The stored change ({before, after} as JSON) in words, one field a clause: '状态：新预警 → 已确认；理由：— → …'. */
export function changesText(changes: string | null): string {
  if (changes === null) return '';
  let parsed: { before?: unknown; after?: unknown };
  try {
    parsed = JSON.parse(changes) as { before?: unknown; after?: unknown };
  } catch {
    return changes;
  }
  const obj = (x: unknown): Record<string, unknown> => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
  const before = obj(parsed.before);
  const after = obj(parsed.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((f) => `${zhOf(AUDIT_FIELD_ZH, f)}：${valueText(f, before[f])} → ${valueText(f, after[f])}`).join('；');
}

export function auditRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const rows = (f: Filters) =>
    filtered(
      db.selectFrom('audit_log')
        .leftJoin('users', (j) => j.onRef('users.id', '=', 'audit_log.actor_id').on('audit_log.actor_kind', '=', 'user'))
        .selectAll('audit_log')
        .select('users.display_name as actor_display_name'),
      f,
    );
  const toRow = (r: Awaited<ReturnType<ReturnType<typeof rows>['execute']>>[number]): AuditRow => ({
    seq: Number(r.seq), at: Number(r.at), actorKind: r.actor_kind, actorId: r.actor_id === null ? null : Number(r.actor_id), actorName: r.actor_name,
    actorDisplayName: r.actor_display_name ?? null, ip: r.ip, action: r.action, entity: r.entity, entityId: r.entity_id,
    beforeDigest: r.before_digest, afterDigest: r.after_digest, changes: r.changes, hash: r.hash,
  });

  app.get(
    '/api/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        description: 'The trail, newest first: filter by object (entity, entityId), action, acting user (actorId), time (from, to) and machine ingestion (machine=exclude|include|only, default exclude); format=csv|xlsx exports the whole filtered list.',
        querystring: filters.extend({ ...pageQuery, format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
        response: { 200: pageSchema(auditRowSchema) },
      },
    },
    async (req, reply): Promise<Page<AuditRow> | undefined> => {
      const { limit, cursor, format, ...f } = req.query;
      if (format !== 'json') {
        const all = (await rows(f).orderBy('audit_log.seq', 'desc').limit(EXPORT_MAX_ROWS).execute()).map(toRow);
        const out = all.map((r) => ({
          ...r, at: beijingTime(r.at),
          actor: r.actorKind === 'system' ? '系统' : r.actorKind === 'token' ? `接口令牌“${r.actorName}”` : (r.actorDisplayName ?? r.actorName), action: AUDIT_ACTION_ZH[r.action] ?? CASE_ACTION_ZH[r.action] ?? '其他操作', entity: AUDIT_ENTITY_ZH[r.entity] ?? '其他对象',
          changes: changesText(r.changes),
        }));
        await sendExport(reply, format, 'audit', EXPORT_COLUMNS, out, '审计日志');
        return undefined;
      }
      let q = rows(f);
      const before = decodeCursor(cursor);
      if (before !== undefined) q = q.where('audit_log.seq', '<', before);
      const found = await q.orderBy('audit_log.seq', 'desc').limit(limit + 1).execute();
      return page(found.map(toRow), limit, (x) => x.seq);
    },
  );

  app.get(
    '/api/audit/facets',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags: ['audit'], description: 'What the filters can pick: the actions and object types on record and the users who acted (with their names).' },
    },
    async (): Promise<AuditFacets> => {
      const actions = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
      const entities = await db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
      const actors = await db
        .selectFrom('users')
        .select(['users.id', 'users.username', 'users.display_name'])
        .where('users.id', 'in', db.selectFrom('audit_log').select('actor_id').where('actor_kind', '=', 'user').where('actor_id', 'is not', null).$castTo<number>())
        .orderBy('users.display_name')
        .execute();
      return {
        actions: actions.map((a) => a.action),
        entities: entities.map((e) => e.entity),
        actors: actors.map((a) => ({ id: Number(a.id), username: a.username, displayName: a.display_name })),
      };
    },
  );

  app.get(
    '/api/audit/ingest',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        description: 'Machine ingestion summarised: per Beijing day and source, how many pushes were recorded (newest day first), in [from, to).',
        querystring: z.object({ from: timeParam.optional(), to: timeParam.optional() }),
      },
    },
    async (req): Promise<{ items: AuditIngestDay[] }> => {
      // Literals, not parameters: a bound number is a float in SQLite and a numeric in PostgreSQL, and either would
      // make the division fractional (one group per row instead of per day).
      const day = sql<number>`(audit_log.at + ${sql.lit(BEIJING_MS)}) / ${sql.lit(DAY_MS)}`;
      let q = db
        .selectFrom('audit_log')
        .select([sql<number>`min(audit_log.at)`.as('first'), sql<number>`max(audit_log.at)`.as('last'), 'audit_log.actor_name', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('audit_log.action', '=', INGEST);
      if (req.query.from !== undefined) q = q.where('audit_log.at', '>=', req.query.from);
      if (req.query.to !== undefined) q = q.where('audit_log.at', '<', req.query.to);
      const found = await q.groupBy([sql`${day}`, 'audit_log.actor_name']).execute();
      const items = found.map((r) => ({ day: new Date(Number(r.first) + BEIJING_MS).toISOString().slice(0, 10), source: r.actor_name, pushes: Number(r.n), first: Number(r.first), last: Number(r.last) }));
      return { items: items.sort((a, b) => b.day.localeCompare(a.day) || a.source.localeCompare(b.source)) };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags: ['audit'], response: { 200: z.object({ ok: z.boolean(), rows: z.number(), headSeq: z.number().optional(), headHash: z.string().optional(), seq: z.number().optional(), problem: z.string().optional(), detail: z.string().optional() }) } },
    },
    () => verifyAuditChain(db),
  );
}
