// Tasks, tips and teams as the API returns them (apps/server/src/enforcement/tasks/routes.ts).
import type { Role } from '../../api/types.ts';

export type TaskStatus = 'open' | 'assigned' | 'in_progress' | 'done' | 'cancelled';

export interface Task {
  id: number;
  sourceKind: 'warning' | 'tip' | 'joint' | 'draw' | 'reinspection';
  sourceId: number | null;
  regionCode: string;
  requestingRegionCode: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  teamId: number | null;
  teamName: string | null;
  title: string;
  status: TaskStatus;
  priority: 'normal' | 'high' | 'urgent';
  dueAt: number;
  createdAt: number;
  escalation: number;
  doneAt: number | null;
  outcome: string | null;
  clock: { status: 'ok' | 'due_soon' | 'overdue' | 'done' | 'done_late'; escalation: number; remainingMs: number; lastDay: string };
  officers: Array<{ id: number; displayName: string }>;
}

export interface TaskDetail extends Task {
  note: string | null;
  startedAt: number | null;
  cancelReason: string | null;
  rule: string;
  assignments: Array<{ userId: number; displayName: string; assignedAt: number; assignedBy: number; releasedAt: number | null }>;
  warnings: Array<{ id: number; kind: string; factor: string | null; status: string }>;
  eligibleOfficers: Array<{ id: number; displayName: string; regionCode: string; certificateNo: string | null }>;
}

export interface Team {
  id: number;
  regionCode: string;
  name: string;
  members: Array<{ id: number; displayName: string; role: string }>;
}

export interface Tip {
  id: number;
  receivedAt: number;
  channel: 'phone' | 'web' | 'wechat' | 'letter';
  reporterName: string | null;
  reporterPhone: string | null;
  reporterHidden: boolean;
  content: string;
  enterpriseId: number | null;
  location: string | null;
  regionCode: string;
}

/** An officer who may be put on a team (GET /api/teams/:id/candidates). */
export interface Candidate {
  id: number;
  displayName: string;
  regionCode: string;
}

/** The leading digits every region under `code` shares (GB/T 2260: province xx0000, city xxxx00, county). */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** How a joint task stands to the caller: asked of the caller's region, or asked by it of another. */
export function jointDirection(task: Pick<Task, 'sourceKind' | 'regionCode' | 'requestingRegionCode'>, ownRegion: string): 'incoming' | 'outgoing' | null {
  if (task.sourceKind !== 'joint' || task.requestingRegionCode === null) return null;
  return task.regionCode.startsWith(regionPrefix(ownRegion)) ? 'incoming' : 'outgoing';
}

/** The board's columns, in workflow order (cancelled tasks are listed under the board, not as a column). */
export const COLUMNS: TaskStatus[] = ['open', 'assigned', 'in_progress', 'done'];
/** Roles with tasks.dispatch, tasks.work and tips.write (access.ts on the server). */
export const DISPATCHERS: Role[] = ['dispatcher', 'head', 'admin'];
export const WORKERS: Role[] = ['officer', 'admin'];
export const TIP_WRITERS: Role[] = ['dispatcher', 'analyst', 'admin'];
/** Roles with teams.manage: create teams and add or remove their members. */
export const TEAM_MANAGERS: Role[] = ['admin'];
/** An on-site inspection needs at least two officers (APL art. 42). */
export const MIN_OFFICERS = 2;

/** The colour of a card's SLA clock. */
export const CLOCK_COLOUR: Record<Task['clock']['status'], string> = { ok: '#1a7f37', due_soon: '#bf8700', overdue: '#cf222e', done: '#6e7781', done_late: '#8250df' };
