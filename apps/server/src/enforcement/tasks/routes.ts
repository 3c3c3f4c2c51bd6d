// The dispatch board over HTTP (issue 5 §1): tasks (list, one with its history and clock, create from
// warnings / a tip / a joint request, assign, start, done, cancel), 12369 tips (the reporter shown only with
// tips.reporter) and teams (created, members added and removed by an admin). The rules live in
// enforcement/tasks/tasks.ts and its neighbours; every mutation there writes its audit row in the same transaction.
// Each change also tells the live board.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import {
  jointEnterpriseSchema, regionSchema, taskDetailSchema, taskSummarySchema, teamCandidateSchema, teamSchema, tipSchema, TASK_PRIORITIES, TASK_SOURCES, TASK_STATUSES, TIP_CHANNELS,
} from '@ecoenforce/contract';
import { can, decodeCursor, page, pageQuery, timeParam } from '../../access/index.ts';
import { ApiError, notFound } from '../../platform/errors.ts';
import { createFromTip, createFromWarnings, createJoint, TaskError, type TaskContext } from './tasks.ts';
import { assignTask, cancelTask, finishTask, startTask } from './task-work.ts';
import { listTasks, taskDetail } from './task-queries.ts';
import { jointEnterprises, jointRegions } from './joint-lookup.ts';
import { createTip, listTips } from './tips.ts';
import { addTeamMember, createTeam, listTeams, memberCandidates, removeTeamMember } from './teams.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const STATUS = z.enum(TASK_STATUSES);
const SOURCE = z.enum(TASK_SOURCES);
const PRIORITY = z.enum(TASK_PRIORITIES);
const id = z.object({ id: z.coerce.number().int().positive() });
const common = { title: z.string().trim().min(2).max(200).optional(), priority: PRIORITY.optional(), teamId: z.number().int().positive().optional(), note: z.string().trim().max(2000).optional() };
const createBody = z.discriminatedUnion('source', [
  z.object({ source: z.literal('warning'), warningIds: z.array(z.number().int().positive()).min(1).max(50), ...common }),
  z.object({ source: z.literal('tip'), tipId: z.number().int().positive(), ...common }),
  z.object({ source: z.literal('joint'), receivingRegionCode: z.string().regex(/^\d{6}$/), enterpriseId: z.number().int().positive().optional(), ...common, title: z.string().trim().min(2).max(200) }),
]);
const ok = z.object({ ok: z.literal(true) });

async function run<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof TaskError) throw new ApiError(err.code, err.message, err.field === null ? undefined : { field: err.field });
    throw err;
  }
}

export function taskRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;
  const ctxOf = (req: FastifyRequest): TaskContext => ({
    actor: actorOf(req.principal!), userId: req.principal!.userId, regionCode: req.principal!.regionCode, scope: req.scope!, ip: req.ip, at: deps.now(),
  });
  /** Tells the live board that a task changed (its region, and the requester of a joint task). */
  const tell = async (taskId: number): Promise<void> => {
    const t = await db.selectFrom('tasks').select(['region_code', 'requesting_region_code', 'status', 'escalation']).where('id', '=', taskId).executeTakeFirst();
    if (t !== undefined) deps.live.task({ regionCode: t.region_code, enterpriseId: null, sharedWithRegion: t.requesting_region_code }, { id: taskId, status: t.status, escalation: Number(t.escalation) });
  };

  app.get(
    '/api/tasks',
    {
      config: { access: { permission: 'tasks.read' } },
      schema: {
        tags: ['tasks'],
        querystring: z.object({
          ...pageQuery, teamId: z.coerce.number().int().positive().optional(), status: STATUS.optional(), source: SOURCE.optional(),
          enterpriseId: z.coerce.number().int().positive().optional(), overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        }),
        response: { 200: z.object({ items: z.array(taskSummarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await listTasks(db, req.scope!, q, deps.now(), q.limit + 1, decodeCursor(q.cursor));
      return page(rows, q.limit, (t) => t.id);
    },
  );

  // A joint request's pickers (issue 14): the regions outside the caller's own, and a narrow, audited lookup
  // of a unit of one of them by name or USCC (see joint-lookup.ts for why and how it is kept narrow).
  app.get(
    '/api/tasks/joint/regions',
    { config: { access: { permission: 'tasks.dispatch' } }, schema: { tags: ['tasks'], response: { 200: z.object({ items: z.array(regionSchema) }) } } },
    async (req) => ({ items: await jointRegions(db, req.scope!) }),
  );

  app.get(
    '/api/tasks/joint/enterprises',
    {
      config: { access: { permission: 'tasks.dispatch' } },
      schema: {
        tags: ['tasks'],
        querystring: z.object({ regionCode: z.string().regex(/^\d{6}$/), q: z.string().trim().min(2).max(100) }),
        response: { 200: z.object({ items: z.array(jointEnterpriseSchema) }) },
      },
    },
    async (req) => ({ items: await run(() => jointEnterprises(db, req.query.regionCode, req.query.q, ctxOf(req))) }),
  );

  app.get(
    '/api/tasks/:id',
    { config: { access: { permission: 'tasks.read', resource: 'task' } }, schema: { tags: ['tasks'], params: id, response: { 200: taskDetailSchema } } },
    async (req) => {
      const t = await taskDetail(db, req.params.id, deps.now());
      if (t === undefined) throw notFound('task');
      return t;
    },
  );

  app.post(
    '/api/tasks',
    {
      config: { access: { permission: 'tasks.dispatch' } },
      schema: { tags: ['tasks'], body: createBody, response: { 200: z.object({ id: z.number() }) } },
    },
    async (req) => {
      const b = req.body;
      const opts = { title: b.title, priority: b.priority, teamId: b.teamId, note: b.note };
      const taskId = await run(() => {
        switch (b.source) {
          case 'warning':
            return createFromWarnings(db, b.warningIds, opts, ctxOf(req));
          case 'tip':
            return createFromTip(db, b.tipId, opts, ctxOf(req));
          case 'joint':
            return createJoint(db, { receivingRegionCode: b.receivingRegionCode, enterpriseId: b.enterpriseId, title: b.title }, opts, ctxOf(req));
        }
      });
      await tell(taskId);
      return { id: taskId };
    },
  );

  app.post(
    '/api/tasks/:id/assign',
    {
      config: { access: { permission: 'tasks.dispatch', resource: 'task' } },
      schema: { tags: ['tasks'], params: id, body: z.object({ officerIds: z.array(z.number().int().positive()).max(20) }), response: { 200: z.object({ officers: z.array(z.number()) }) } },
    },
    async (req) => {
      const out = await run(() => assignTask(db, req.params.id, req.body.officerIds, ctxOf(req)));
      await tell(req.params.id);
      return out;
    },
  );

  app.post(
    '/api/tasks/:id/start',
    { config: { access: { permission: 'tasks.work', resource: 'task' } }, schema: { tags: ['tasks'], params: id, response: { 200: ok } } },
    async (req) => {
      await run(() => startTask(db, req.params.id, ctxOf(req), can(req.principal!.role, 'tasks.dispatch')));
      await tell(req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/tasks/:id/done',
    {
      config: { access: { permission: 'tasks.work', resource: 'task' } },
      schema: { tags: ['tasks'], params: id, body: z.object({ outcome: z.string().trim().min(2).max(5000) }), response: { 200: ok } },
    },
    async (req) => {
      await run(() => finishTask(db, req.params.id, req.body.outcome, ctxOf(req), can(req.principal!.role, 'tasks.dispatch')));
      await tell(req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/tasks/:id/cancel',
    {
      config: { access: { permission: 'tasks.dispatch', resource: 'task' } },
      schema: { tags: ['tasks'], params: id, body: z.object({ reason: z.string().trim().min(2).max(2000) }), response: { 200: ok } },
    },
    async (req) => {
      await run(() => cancelTask(db, req.params.id, req.body.reason, ctxOf(req)));
      await tell(req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/tips',
    {
      config: { access: { permission: 'tasks.read' } },
      schema: { tags: ['tasks'], querystring: z.object(pageQuery), response: { 200: z.object({ items: z.array(tipSchema), nextCursor: z.string().nullable() }) } },
    },
    async (req) => {
      const seesReporter = can(req.principal!.role, 'tips.reporter');
      const rows = await listTips(db, req.scope!, seesReporter, req.query.limit + 1, decodeCursor(req.query.cursor));
      return page(rows, req.query.limit, (t) => t.id);
    },
  );

  app.post(
    '/api/tips',
    {
      config: { access: { permission: 'tips.write' } },
      schema: {
        tags: ['tasks'],
        body: z.object({
          receivedAt: timeParam.or(z.number().int().nonnegative()), channel: z.enum(TIP_CHANNELS), reporterName: z.string().trim().min(1).max(100).optional(),
          reporterPhone: z.string().trim().regex(/^[0-9+\-\s]{3,30}$/).optional(), content: z.string().trim().min(2).max(5000), enterpriseId: z.number().int().positive().optional(),
          location: z.string().trim().max(500).optional(), regionCode: z.string().regex(/^\d{6}$/),
        }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => ({ id: await run(() => createTip(db, req.body, ctxOf(req))) }),
  );

  app.get(
    '/api/teams',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: ['tasks'], response: { 200: z.object({ items: z.array(teamSchema) }) } } },
    async (req) => ({ items: await listTeams(db, req.scope!) }),
  );

  app.post(
    '/api/teams',
    {
      config: { access: { permission: 'teams.manage' } },
      schema: {
        tags: ['tasks'],
        body: z.object({ regionCode: z.string().regex(/^\d{6}$/), name: z.string().trim().min(2).max(100), memberIds: z.array(z.number().int().positive()).max(100).default([]) }),
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (req) => ({ id: await run(() => createTeam(db, req.body, ctxOf(req))) }),
  );

  const members = z.object({ members: z.array(z.number()) });
  app.get(
    '/api/teams/:id/candidates',
    {
      config: { access: { permission: 'teams.manage' } },
      schema: { tags: ['tasks'], params: id, response: { 200: z.object({ items: z.array(teamCandidateSchema) }) } },
    },
    async (req) => ({ items: await run(() => memberCandidates(db, req.params.id, req.scope!)) }),
  );

  app.post(
    '/api/teams/:id/members',
    {
      config: { access: { permission: 'teams.manage' } },
      schema: { tags: ['tasks'], params: id, body: z.object({ userId: z.number().int().positive() }), response: { 200: members } },
    },
    async (req) => ({ members: await run(() => addTeamMember(db, req.params.id, req.body.userId, ctxOf(req))) }),
  );

  app.delete(
    '/api/teams/:id/members/:userId',
    {
      config: { access: { permission: 'teams.manage' } },
      schema: { tags: ['tasks'], params: z.object({ id: z.coerce.number().int().positive(), userId: z.coerce.number().int().positive() }), response: { 200: members } },
    },
    async (req) => ({ members: await run(() => removeTeamMember(db, req.params.id, req.params.userId, ctxOf(req))) }),
  );
}
