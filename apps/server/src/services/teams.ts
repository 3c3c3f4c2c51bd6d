// Enforcement teams (issue 5 §1): the dispatch board is per team. A team belongs to a region; its members
// are officers whose region lies within it. Created by an admin; each change audited.
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.ts';
import type { Schema } from '../db/schema.ts';
import { canSee, regionPrefix, type Scope } from '../http/access.ts';
import { TaskError, type TaskContext } from './tasks.ts';

export interface Team {
  id: number;
  regionCode: string;
  name: string;
  members: Array<{ id: number; displayName: string; role: string }>;
}

export async function createTeam(db: Kysely<Schema>, input: { regionCode: string; name: string; memberIds: readonly number[] }, ctx: TaskContext): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const region = await trx.selectFrom('regions').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (region === undefined || !canSee(ctx.scope, { regionCode: input.regionCode, enterpriseId: null })) throw new TaskError('not_found', `region ${input.regionCode} not found`, 'regionCode');
    const clash = await trx.selectFrom('teams').select('id').where('region_code', '=', input.regionCode).where('name', '=', input.name).executeTakeFirst();
    if (clash !== undefined) throw new TaskError('conflict', `region ${input.regionCode} already has a team named ${input.name}`, 'name');
    const ids = [...new Set(input.memberIds)];
    const users = ids.length === 0 ? [] : await trx.selectFrom('users').select(['id', 'role', 'region_code']).where('id', 'in', ids).execute();
    for (const id of ids) {
      const u = users.find((x) => Number(x.id) === id);
      if (u === undefined || u.role !== 'officer') throw new TaskError('bad_request', `user ${id} is not an enforcement officer`, 'memberIds');
      if (!u.region_code.startsWith(regionPrefix(input.regionCode))) throw new TaskError('bad_request', `officer ${id} is not in region ${input.regionCode}`, 'memberIds');
    }
    const { id } = await trx.insertInto('teams').values({ region_code: input.regionCode, name: input.name, created_at: ctx.at, created_by: ctx.userId }).returning('id').executeTakeFirstOrThrow();
    if (ids.length > 0) await trx.insertInto('team_members').values(ids.map((user_id) => ({ team_id: Number(id), user_id, added_at: ctx.at }))).execute();
    await recordAudit(trx, { actor: ctx.actor, action: 'create', entity: 'team', entityId: Number(id), after: { regionCode: input.regionCode, name: input.name, members: ids }, ip: ctx.ip, at: ctx.at });
    return Number(id);
  });
}

/** Teams whose region is within the caller's, or above it (a county sees its city's team too), with members. */
export async function listTeams(db: Kysely<Schema>, scope: Scope): Promise<Team[]> {
  const chain = [`${scope.regionPrefix.slice(0, 2)}0000`, `${scope.regionPrefix.slice(0, 4).padEnd(4, '0')}00`];
  const teams = await db
    .selectFrom('teams')
    .select(['id', 'region_code', 'name'])
    .where((eb) => eb.or([eb('region_code', 'like', `${scope.regionPrefix}%`), eb('region_code', 'in', chain)]))
    .orderBy('region_code')
    .orderBy('id')
    .execute();
  if (teams.length === 0) return [];
  const members = await db
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'u.id', 'u.display_name', 'u.role'])
    .where('m.team_id', 'in', teams.map((t) => Number(t.id)))
    .orderBy('u.id')
    .execute();
  return teams.map((t) => ({
    id: Number(t.id), regionCode: t.region_code, name: t.name,
    members: members.filter((m) => Number(m.team_id) === Number(t.id)).map((m) => ({ id: Number(m.id), displayName: m.display_name, role: m.role })),
  }));
}
