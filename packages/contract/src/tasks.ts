// The dispatch board (apps/server/src/enforcement/tasks): tasks, 12369 tips and teams as /api/tasks, /api/tips
// and /api/teams answer them. The zod schemas are the routes' response schemas; the types are their output.
import { z } from 'zod';
import type { Page } from './paging.ts';

export const TASK_STATUSES = ['open', 'assigned', 'in_progress', 'done', 'cancelled'] as const;
export const TASK_SOURCES = ['warning', 'tip', 'joint', 'draw', 'reinspection'] as const;
export const TASK_PRIORITIES = ['normal', 'high', 'urgent'] as const;
export const TIP_CHANNELS = ['phone', 'web', 'wechat', 'letter'] as const;
/** A task's SLA clock status, as the domain's clocks (calendar.ts ClockStatus). */
const CLOCK_STATUSES = ['ok', 'due_soon', 'overdue', 'done', 'done_late'] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskSource = (typeof TASK_SOURCES)[number];
export type TaskPriority = (typeof TASK_PRIORITIES)[number];
export type TipChannel = (typeof TIP_CHANNELS)[number];

const officer = z.object({ id: z.number(), displayName: z.string() });

export const taskSummarySchema = z.object({
  id: z.number(), sourceKind: z.enum(TASK_SOURCES), sourceId: z.number().nullable(), regionCode: z.string(), requestingRegionCode: z.string().nullable(), enterpriseId: z.number().nullable(),
  /** The names of the working and (joint task) requesting regions, as lists show them. */
  regionName: z.string(), requestingRegionName: z.string().nullable(),
  enterpriseName: z.string().nullable(), teamId: z.number().nullable(), teamName: z.string().nullable(), title: z.string(), status: z.enum(TASK_STATUSES), priority: z.enum(TASK_PRIORITIES), dueAt: z.number(),
  createdAt: z.number(), escalation: z.number(), doneAt: z.number().nullable(), outcome: z.string().nullable(),
  clock: z.object({ status: z.enum(CLOCK_STATUSES), escalation: z.number(), remainingMs: z.number(), lastDay: z.string() }), officers: z.array(officer),
});
/** One task of GET /api/tasks: its SLA clock at the platform time and its current officers. */
export type TaskSummary = z.output<typeof taskSummarySchema>;
/** GET /api/tasks. */
export type TaskList = Page<TaskSummary>;

export const taskDetailSchema = taskSummarySchema.extend({
  note: z.string().nullable(), createdBy: z.number(), startedAt: z.number().nullable(), escalatedAt: z.number().nullable(), cancelledAt: z.number().nullable(), cancelReason: z.string().nullable(),
  rule: z.string(),
  assignments: z.array(z.object({ userId: z.number(), displayName: z.string(), assignedAt: z.number(), assignedBy: z.number(), releasedAt: z.number().nullable() })),
  warnings: z.array(z.object({ id: z.number(), kind: z.string(), factor: z.string().nullable(), status: z.string() })),
  eligibleOfficers: z.array(z.object({ id: z.number(), displayName: z.string(), regionCode: z.string(), certificateNo: z.string().nullable() })),
});
/** GET /api/tasks/:id: the task with its assignment history, the warnings it came from and the officers who may be put on it. */
export type TaskDetail = z.output<typeof taskDetailSchema>;

export const tipSchema = z.object({
  id: z.number(), receivedAt: z.number(), channel: z.enum(TIP_CHANNELS),
  /** Null when hidden from the caller (see reporterHidden) or not given. */
  reporterName: z.string().nullable(), reporterPhone: z.string().nullable(),
  /** True when a reporter was recorded but the caller may not see who. */
  reporterHidden: z.boolean(),
  content: z.string(), enterpriseId: z.number().nullable(), location: z.string().nullable(), regionCode: z.string(), createdBy: z.number(), createdAt: z.number(),
});
/** A 12369 tip (GET /api/tips); the reporter only for a caller with tips.reporter. */
export type Tip = z.output<typeof tipSchema>;
/** GET /api/tips. */
export type TipList = Page<Tip>;

export const teamSchema = z.object({ id: z.number(), regionCode: z.string(), name: z.string(), members: z.array(z.object({ id: z.number(), displayName: z.string(), role: z.string() })) });
/** An enforcement team (GET /api/teams). */
export type Team = z.output<typeof teamSchema>;

export const teamCandidateSchema = z.object({ id: z.number(), displayName: z.string(), regionCode: z.string() });
/** An officer who may be put on a team (GET /api/teams/:id/candidates). */
export type TeamCandidate = z.output<typeof teamCandidateSchema>;

export const jointEnterpriseSchema = z.object({ id: z.number(), name: z.string(), uscc: z.string() });
/** A unit of another region found for a joint request (GET /api/tasks/joint/enterprises): its name and USCC only. */
export type JointEnterprise = z.output<typeof jointEnterpriseSchema>;
