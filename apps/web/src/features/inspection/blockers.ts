// What stops an inspection from being finished: every checklist item needs a verdict that has reached the
// server. A violation without its enforcement matter cannot be sent, a refused or conflicting edit is not on
// the server, and an item nobody answered has no verdict; finishing over any of them would leave the server's
// record short of what the officer found on site (a violation silently lost), so the page names them instead.
import type { ChecklistItem } from '@ecoenforce/contract';
import type { LocalItem } from './store.ts';

export type BlockReason = 'unanswered' | 'needsMatter' | 'rejected' | 'conflict';

export interface Blocker {
  item: ChecklistItem;
  reason: BlockReason;
  /** The server's refusal, for a rejected edit. */
  message: string | null;
}

/** The items, in checklist order, that must be settled before the inspection can be finished. */
export function finishBlockers(checklist: readonly ChecklistItem[], items: readonly LocalItem[]): Blocker[] {
  const local = new Map(items.map((i) => [i.itemKey, i]));
  return checklist.flatMap((item): Blocker[] => {
    const l = local.get(item.key);
    if (l === undefined) return [{ item, reason: 'unanswered', message: null }];
    if (l.result === 'violation' && l.matterCode === null) return [{ item, reason: 'needsMatter', message: null }];
    if (l.state === 'rejected') return [{ item, reason: 'rejected', message: l.message }];
    if (l.state === 'conflict') return [{ item, reason: 'conflict', message: null }];
    return [];
  });
}

/** Whether the finish may go to the server: every item of the inspection has reached it. */
export function itemsSettled(items: readonly LocalItem[]): boolean {
  return items.every((i) => i.state === 'synced');
}
