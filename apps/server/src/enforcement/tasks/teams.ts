// Enforcement teams (issue 5 §1): the dispatch board is per team. A team belongs to a region; its members
// are officers whose region lies within it. Created by an admin, who adds and removes members later; each
// change audited.
import type { Kysely, Transaction } from 'kysely';
import type { Team, TeamCandidate } from '@ecoenforce/contract';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { canSee, regionPrefix, type Scope } from '../../access/index.ts';
import { TaskError, type TaskContext } from './tasks.ts';

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

type Db = Kysely<Schema>;
type Trx = Transaction<Schema>;

/** The team, if the caller's scope reaches its region; a team elsewhere is answered as not found. */
async function visibleTeam(trx: Db | Trx, teamId: number, scope: Scope): Promise<{ id: number; regionCode: string; name: string }> {
  const t = await trx.selectFrom('teams').select(['id', 'region_code', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (t === undefined || !canSee(scope, { regionCode: t.region_code, enterpriseId: null })) throw new TaskError('not_found', `team ${teamId} not found`);
  return { id: Number(t.id), regionCode: t.region_code, name: t.name };
}

async function memberIds(trx: Trx, teamId: number): Promise<number[]> {
  const rows = await trx.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).orderBy('user_id').execute();
  return rows.map((r) => Number(r.user_id));
}

/** Active officers within the team's region who are not yet on it: the ones an admin may add. */
export async function memberCandidates(db: Db, teamId: number, scope: Scope): Promise<TeamCandidate[]> {
  const team = await visibleTeam(db, teamId, scope);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'region_code'])
    .where('role', '=', 'officer')
    .where('active', '=', 1)
    .where('region_code', 'like', `${regionPrefix(team.regionCode)}%`)
    .where('id', 'not in', (eb) => eb.selectFrom('team_members').select('user_id').where('team_id', '=', teamId))
    .orderBy('id')
    .execute();
  return rows.map((u) => ({ id: Number(u.id), displayName: u.display_name, regionCode: u.region_code }));
}

/** Puts an officer on a team: the same rules as creating one (an officer, within the team's region). */
export async function addTeamMember(db: Db, teamId: number, userId: number, ctx: TaskContext): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const team = await visibleTeam(trx, teamId, ctx.scope);
    const u = await trx.selectFrom('users').select(['id', 'role', 'active', 'region_code']).where('id', '=', userId).executeTakeFirst();
    if (u === undefined || u.role !== 'officer' || u.active !== 1) throw new TaskError('bad_request', `user ${userId} is not an active enforcement officer`, 'userId');
    if (!u.region_code.startsWith(regionPrefix(team.regionCode))) throw new TaskError('bad_request', `officer ${userId} is not in region ${team.regionCode}`, 'userId');
    const before = await memberIds(trx, teamId);
    if (before.includes(userId)) throw new TaskError('conflict', `officer ${userId} is already on team ${team.name}`, 'userId');
    // A concurrent add of the same officer finds the row there: answered as the same conflict, not a 500.
    const inserted = await trx.insertInto('team_members').values({ team_id: teamId, user_id: userId, added_at: ctx.at }).onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new TaskError('conflict', `officer ${userId} is already on team ${team.name}`, 'userId');
    const after = [...before, userId].sort((a, b) => a - b);
    await recordAudit(trx, { actor: ctx.actor, action: 'add_member', entity: 'team', entityId: teamId, before: { members: before }, after: { members: after, added: userId }, ip: ctx.ip, at: ctx.at });
    return after;
  });
}

/**
 * Takes an officer off a team. Only the membership row goes: the team's tasks keep their team, and the
 * officer's task assignments (task_assignments, released or current) stay as the history of who worked
 * them; the audit row records who was on the team before. Current assignments are not released here —
 * reassigning is the dispatcher's decision on each task.
 */
export async function removeTeamMember(db: Db, teamId: number, userId: number, ctx: TaskContext): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const team = await visibleTeam(trx, teamId, ctx.scope);
    const before = await memberIds(trx, teamId);
    if (!before.includes(userId)) throw new TaskError('not_found', `user ${userId} is not on team ${team.name}`, 'userId');
    await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).execute();
    const tasks = await trx.selectFrom('tasks').select((eb) => eb.fn.countAll<number | string>().as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
    const after = before.filter((x) => x !== userId);
    await recordAudit(trx, {
      actor: ctx.actor, action: 'remove_member', entity: 'team', entityId: teamId, ip: ctx.ip, at: ctx.at,
      before: { members: before }, after: { members: after, removed: userId, teamTasks: Number(tasks.n) },
    });
    return after;
  });
}
