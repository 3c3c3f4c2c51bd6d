import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing, beijingDate, calendarDeadline, hoursDeadline, workingDayDeadline, daysAfterThrough, DAY_MS } from './calendar.ts';
import { caseClocks, decisionDeadline, filingDeadline, worstEscalation } from './clocks.ts';
import { newCase } from './case-types.ts';
import { newTransfer, transferClocks } from './transfer.ts';

void test('day counting: the start day is not counted, the last day counts until 24:00 Beijing time', () => {
  const d = calendarDeadline(beijing('2026-03-02T23:30'), 15);
  assert.equal(d.lastDay, '2026-03-17');
  assert.equal(d.expiresAt, beijing('2026-03-18T00:00'));
  // 17:00 UTC is already the next Beijing day.
  assert.equal(beijingDate(Date.parse('2026-03-02T17:00:00Z')), '2026-03-03');
  assert.equal(calendarDeadline(Date.parse('2026-03-02T17:00:00Z'), 15).lastDay, '2026-03-18');
  assert.equal(daysAfterThrough(beijing('2026-03-02T10:00'), beijing('2026-03-20T09:00')), 18);
  assert.equal(daysAfterThrough(beijing('2026-03-02T10:00'), beijing('2026-03-02T18:00')), 0);
  assert.equal(hoursDeadline(beijing('2026-04-02T09:00'), 24).expiresAt, beijing('2026-04-03T09:00'));
});

void test('working days skip weekends, holidays, and honour make-up working days', () => {
  const fri = beijing('2026-03-20T10:00');
  assert.equal(workingDayDeadline(fri, 5).lastDay, '2026-03-27');
  assert.equal(workingDayDeadline(fri, 5, { holidays: new Set(['2026-03-25']), workdays: new Set() }).lastDay, '2026-03-30');
  assert.equal(workingDayDeadline(fri, 5, { holidays: new Set(), workdays: new Set(['2026-03-21']) }).lastDay, '2026-03-26');
});

void test('filing clock: ok, due soon, overdue, escalated to the head — at fixed instants around the boundary', () => {
  const c = newCase('c', 'm', beijing('2026-03-02T09:00'));
  const at = (s: string) => caseClocks(c, beijing(s)).find((k) => k.id === 'filing')!;
  assert.equal(at('2026-03-10T10:00').status, 'ok');
  assert.equal(at('2026-03-15T00:00').status, 'due_soon');
  assert.equal(at('2026-03-17T23:59').escalation, 1);
  const over = at('2026-03-18T00:00');
  assert.deepEqual([over.status, over.escalation], ['overdue', 2]);
  assert.equal(at('2026-03-21T00:00').escalation, 2, 'exactly 3 days over is still level 2');
  assert.equal(at('2026-03-21T00:01').escalation, 3);
  // With the recorded extension: 30 days → 04-01.
  const ext = { ...c, filingExtension: { at: beijing('2026-03-10T10:00'), by: 'head', reason: 'r' } };
  assert.equal(filingDeadline(ext).lastDay, '2026-04-01');
  const filed = { ...c, state: 'filed' as const, filedAt: beijing('2026-03-18T09:00') };
  assert.equal(caseClocks(filed, beijing('2026-03-20T00:00')).find((k) => k.id === 'filing')!.status, 'done_late');
});

void test('decision clock: 90 days, +30 per recorded extension, never past 150', () => {
  const base = { ...newCase('c', 'm', beijing('2025-12-20T09:00')), state: 'investigating' as const, filedAt: beijing('2026-01-01T10:00') };
  assert.equal(decisionDeadline(base)!.lastDay, '2026-04-01');
  const ext = (n: number) => Array.from({ length: n }, () => ({ at: 0, by: 'head', reason: 'r' }));
  assert.equal(decisionDeadline({ ...base, decisionExtensions: ext(1) })!.lastDay, '2026-05-01');
  assert.equal(decisionDeadline({ ...base, decisionExtensions: ext(2) })!.lastDay, '2026-05-31');
  assert.equal(decisionDeadline({ ...base, decisionExtensions: ext(5) })!.lastDay, '2026-05-31');
  const k = caseClocks(base, beijing('2026-04-02T00:00')).find((x) => x.id === 'decision')!;
  assert.equal(k.status, 'overdue');
  assert.ok(worstEscalation(caseClocks(base, beijing('2026-04-02T00:00'))) >= 2);
});

void test('transfer clocks: 3 days for the head, 24 h to send, 3/7/30 days for the police, 3 days for items, 3 working days to ask reconsideration', () => {
  let t = newTransfer(beijing('2026-04-01T10:00'), 'o1', ['heavy_metal_3x'], null, 'investigating');
  const ids = (now: number) => transferClocks(t, now).map((k) => `${k.id}:${k.deadline.lastDay}:${k.status}`);
  assert.deepEqual(ids(beijing('2026-04-04T23:59')), ['transfer_head_decision:2026-04-04:due_soon']);
  assert.deepEqual(ids(beijing('2026-04-05T00:00')), ['transfer_head_decision:2026-04-04:overdue']);
  t = { ...t, approvedAt: beijing('2026-04-02T09:00') };
  const send = transferClocks(t, beijing('2026-04-03T09:00')).find((k) => k.id === 'transfer_send')!;
  assert.equal(send.deadline.expiresAt, beijing('2026-04-03T09:00'));
  assert.equal(send.status, 'overdue', 'the 24th hour is the limit itself');
  t = { ...t, sentAt: beijing('2026-04-03T08:00') };
  const police = (track: 'ordinary' | 'verify' | 'complex') => transferClocks({ ...t, track }, beijing('2026-04-03T09:00')).find((k) => k.id === 'transfer_police_decision')!.deadline.lastDay;
  assert.deepEqual([police('ordinary'), police('verify'), police('complex')], ['2026-04-06', '2026-04-10', '2026-05-03']);
  // A police receipt, when recorded, starts the police clock instead of the sending time.
  const withReceipt = { ...t, receipts: [{ kind: 'police_receipt' as const, at: beijing('2026-04-04T10:00'), by: 'o1' }] };
  assert.equal(transferClocks(withReceipt, beijing('2026-04-04T11:00')).find((k) => k.id === 'transfer_police_decision')!.deadline.lastDay, '2026-04-07');
  const accepted = { ...t, policeDecision: 'accepted' as const, policeDecisionAt: beijing('2026-04-05T10:00') };
  assert.equal(transferClocks(accepted, beijing('2026-04-05T11:00')).find((k) => k.id === 'transfer_items_handover')!.deadline.lastDay, '2026-04-08');
  // Declined on Friday 04-10: 3 working days → Wed 04-15; the lapsed window is not shown as overdue.
  const declined = { ...t, policeDecision: 'declined' as const, policeDecisionAt: beijing('2026-04-10T10:00') };
  assert.equal(transferClocks(declined, beijing('2026-04-13T10:00')).find((k) => k.id === 'transfer_reconsideration')!.deadline.lastDay, '2026-04-15');
  assert.equal(transferClocks(declined, beijing('2026-04-16T00:00')).find((k) => k.id === 'transfer_reconsideration'), undefined);
  assert.equal(DAY_MS, 86_400_000);
});
