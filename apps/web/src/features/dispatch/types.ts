// What the dispatch board needs beyond the API's shapes (those are @ecoenforce/contract, tasks.ts): region
// prefixes, joint-task direction, columns, the roles that may act, clock colours.
import type { CaseClockStatus, TaskStatus, TaskSummary } from '@ecoenforce/contract';
import type { Role } from '@ecoenforce/contract';

/** The leading digits every region under `code` shares (GB/T 2260: province xx0000, city xxxx00, county). */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** How a joint task stands to the caller: asked of the caller's region, or asked by it of another. */
export function jointDirection(task: Pick<TaskSummary, 'sourceKind' | 'regionCode' | 'requestingRegionCode'>, ownRegion: string): 'incoming' | 'outgoing' | null {
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
export const CLOCK_COLOUR: Record<CaseClockStatus, string> = { ok: '#1a7f37', due_soon: '#bf8700', overdue: '#cf222e', done: '#6e7781', done_late: '#8250df' };
