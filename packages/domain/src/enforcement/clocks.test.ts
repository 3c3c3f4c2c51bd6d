import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beijing, beijingDate, calendarCovers, calendarDeadline, hoursDeadline, rolledCalendarDeadline, rolledDeadline, workingDayDeadline, daysAfterThrough, DAY_MS, WEEKENDS_ONLY } from './calendar.ts';
import { caseClocks, decisionDeadline, filingDeadline, paymentDeadline, serviceDeadline, worstEscalation, DEFAULT_CASE_OPTIONS } from './clocks.ts';
import { newCase, type CaseOptions, type CaseRecord, type DutyEntry } from './case-types.ts';
import { STATE_COUNCIL_CALENDAR } from './holidays.ts';
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
  // 30 days end on Sunday 05-03: the police's period runs to Monday 05-04 (CPL 85); weekends-only calendar here.
  assert.deepEqual([police('ordinary'), police('verify'), police('complex')], ['2026-04-06', '2026-04-10', '2026-05-04']);
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

// ---- Review fixes: M1 service in working days, H1 transfer pause, M6 roll-forward, H3 calendar coverage ----

const decided = (at: string): CaseRecord => ({ ...newCase('c', 'm', beijing('2026-01-05T09:00')), state: 'decided', filedAt: beijing('2026-01-06T09:00'), decidedAt: beijing(at), outcome: 'penalty' });
const clock = (c: CaseRecord, now: string, id: string, options?: CaseOptions) => caseClocks(c, beijing(now), options).find((k) => k.id === id);

void test('service of the decision: 7 working days (APL 61 with APL 85), not 7 calendar days', () => {
  // Decided Friday 2026-03-20: Mon 23 … Fri 27 are 5, Mon 30 and Tue 31 make 7.
  assert.equal(serviceDeadline(decided('2026-03-20T10:00'))!.lastDay, '2026-03-31');
  assert.equal(clock(decided('2026-03-20T10:00'), '2026-03-28T10:00', 'service')!.status, 'ok', 'not overdue after 7 calendar days');
  // Over the 2026 National Day holiday (10-01…10-07) with the make-up working day Saturday 10-10.
  assert.equal(serviceDeadline(decided('2026-09-30T10:00'))!.lastDay, '2026-10-15');
  assert.equal(clock(decided('2026-09-30T10:00'), '2026-10-09T10:00', 'service')!.deadline.lastDay, '2026-10-15');
});

void test('time in transfer to the police does not count toward the decision period (LNK art. 16)', () => {
  const filed = { ...newCase('c', 'm', beijing('2025-12-20T09:00')), state: 'investigating' as const, filedAt: beijing('2026-01-01T10:00') };
  assert.equal(decisionDeadline(filed)!.lastDay, '2026-04-01');
  const duty = (action: DutyEntry['action'], at: string): DutyEntry => ({ action, by: 'h', roles: ['head'], at: beijing(at), from: 'investigating', to: 'investigating', document: null });
  // Proposed 02-01, the head declined 02-11: 10 days paused.
  const declined = {
    ...filed,
    transfer: { ...newTransfer(beijing('2026-02-01T10:00'), 'o1', ['heavy_metal_3x'], null, 'investigating'), declinedAt: beijing('2026-02-11T09:00'), declineReason: 'r' },
    duties: [duty('propose_transfer', '2026-02-01T10:00'), duty('decline_transfer', '2026-02-11T09:00')],
  };
  assert.equal(decisionDeadline(declined)!.lastDay, '2026-04-11');
  const k = clock(declined, '2026-04-05T10:00', 'decision')!;
  assert.equal(k.status, 'ok', 'not overdue on 04-05: the 10 days with the police do not count');
  assert.match(k.rule, /10 days in transfer.*LNK 16/);
  // Police declined after 20 days; an earlier transfer (in the duty record only) also counts.
  const twice = {
    ...filed,
    transfer: { ...newTransfer(beijing('2026-03-01T10:00'), 'o1', [], 'x', 'investigating'), sentAt: beijing('2026-03-02T10:00'), policeDecision: 'declined' as const, policeDecisionAt: beijing('2026-03-21T10:00') },
    duties: [duty('propose_transfer', '2026-02-01T10:00'), duty('decline_transfer', '2026-02-11T09:00'), duty('propose_transfer', '2026-03-01T10:00'), duty('police_decline', '2026-03-21T10:00')],
  };
  assert.equal(decisionDeadline(twice)!.lastDay, '2026-05-01', '90 + 10 + 20 days');
  // A transfer still pending pauses the clock up to now.
  const pending = { ...filed, transfer: newTransfer(beijing('2026-03-25T10:00'), 'o1', [], 'x', 'investigating'), duties: [duty('propose_transfer', '2026-03-25T10:00')] };
  assert.equal(clock(pending, '2026-04-04T10:00', 'decision')!.deadline.lastDay, '2026-04-11');
  assert.equal(clock(pending, '2026-04-04T10:00', 'decision')!.status, 'ok');
});

void test('periods binding the party or the police roll to the next working day (CPL art. 85, LNK art. 38); agency limits do not', () => {
  const sat = calendarDeadline(beijing('2026-03-06T10:00'), 15);
  assert.equal(sat.lastDay, '2026-03-21');
  assert.equal(rolledDeadline(sat).lastDay, '2026-03-23', 'Saturday → Monday');
  assert.deepEqual(rolledDeadline(calendarDeadline(beijing('2026-03-06T10:00'), 14)), calendarDeadline(beijing('2026-03-06T10:00'), 14), 'a Friday stays');
  assert.equal(rolledCalendarDeadline(beijing('2026-04-20T10:00'), 15, STATE_COUNCIL_CALENDAR).lastDay, '2026-05-06', '05-05 is in the Labour Day holiday');
  // Payment (APL 67): served 2026-04-20, 15 days end on 05-05, a holiday → 05-06.
  const served = { ...decided('2026-04-10T10:00'), state: 'served' as const, servedAt: beijing('2026-04-20T10:00') };
  assert.equal(paymentDeadline(served)!.lastDay, '2026-05-06');
  assert.equal(clock(served, '2026-05-06T12:00', 'payment')!.status, 'due_soon', 'not overdue on the rolled last day');
  // The police's 3 days from 04-03 end on 04-06, inside the 2026 Qingming holiday → 04-07.
  const t = { ...newTransfer(beijing('2026-04-01T10:00'), 'o1', ['heavy_metal_3x'], null, 'investigating'), approvedAt: beijing('2026-04-02T09:00'), sentAt: beijing('2026-04-03T08:00') };
  assert.equal(transferClocks(t, beijing('2026-04-03T09:00'), STATE_COUNCIL_CALENDAR).find((k) => k.id === 'transfer_police_decision')!.deadline.lastDay, '2026-04-07');
  // The head's 3 days are the agency's own: 04-04 (a holiday) stays.
  assert.equal(transferClocks(t, beijing('2026-04-03T09:00'), STATE_COUNCIL_CALENDAR).find((k) => k.id === 'transfer_head_decision')!.deadline.lastDay, '2026-04-04');
});

void test('the production calendar holds the State Council notices, and a clock in an uncovered year carries a warning', () => {
  assert.equal(DEFAULT_CASE_OPTIONS.calendar, STATE_COUNCIL_CALENDAR);
  assert.ok(calendarCovers(STATE_COUNCIL_CALENDAR, 2026));
  assert.ok(calendarCovers(STATE_COUNCIL_CALENDAR, 2025));
  assert.ok(!calendarCovers(STATE_COUNCIL_CALENDAR, 2027));
  assert.ok(!calendarCovers(WEEKENDS_ONLY, 2026));
  // Hearing request window from the advance notice: 5 working days.
  const noticed = (at: string): CaseRecord => ({ ...newCase('c', 'm', beijing('2026-01-05T09:00')), state: 'advance_notice', filedAt: beijing('2026-01-06T09:00'), advanceNoticeAt: beijing(at) });
  const inYear = clock(noticed('2026-11-02T10:00'), '2026-11-03T10:00', 'hearing_request')!;
  assert.equal(inYear.calendarWarning, undefined);
  const across = clock(noticed('2026-12-28T10:00'), '2026-12-29T10:00', 'hearing_request')!;
  assert.match(across.calendarWarning ?? '', /2027/);
  const weekendsOnly = clock(noticed('2026-11-02T10:00'), '2026-11-03T10:00', 'hearing_request', { hearingRequestDays: 5, calendar: WEEKENDS_ONLY })!;
  assert.match(weekendsOnly.calendarWarning ?? '', /2026/, 'an empty calendar never passes silently');
  // Service over New Year 2027 and the police clock near it warn; the decision clock (calendar days, not rolled) never does.
  assert.match(clock(decided('2026-12-28T10:00'), '2026-12-29T10:00', 'service')!.calendarWarning ?? '', /2027/);
  assert.equal(clock(decided('2026-12-28T10:00'), '2026-12-29T10:00', 'decision')!.calendarWarning, undefined);
});

void test('a transfer the police accepted stays out of the decision period until it comes back (LNK art. 16)', () => {
  const filed = { ...newCase('c', 'm', beijing('2025-12-20T09:00')), state: 'transferred' as const, filedAt: beijing('2026-01-01T10:00') };
  const t = { ...newTransfer(beijing('2026-03-01T10:00'), 'o1', ['heavy_metal_3x'], null, 'investigating'), sentAt: beijing('2026-03-02T10:00'), policeDecision: 'accepted' as const, policeDecisionAt: beijing('2026-03-04T10:00') };
  const accepted = { ...filed, transfer: t };
  // 90 days would end 04-01; on 05-01 the case is still with the criminal justice system: not overdue.
  const k = clock(accepted, '2026-05-01T10:00', 'decision')!;
  assert.equal(k.status, 'ok');
  assert.equal(k.deadline.lastDay, '2026-06-01', '90 days + the 61 days since the proposal');
});
