// A legal clock's rule in the console's language, worded from the clock's stable id and the params the
// domain's evaluateClock calls send (days, hours, the police track, ...). The article citations stay with
// the wording (rules.md keys such as [W12] as they are). An id this console does not know, or a clock
// without the params its wording needs (an older server), shows the server's English sentence.

export type ClockParams = Readonly<Record<string, number | string>>;

/** The parts of a clock the wording reads (a case, transfer or rectification clock, or a task's SLA). */
export interface ClockRuleInput {
  id: string;
  rule: string;
  params?: ClockParams | undefined;
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A message under clockRules.* and its values; null when the params lack what the message needs. */
type Wording = (p: ClockParams, t: Translate) => { key: string; values: Record<string, unknown> } | null;

const inDays = (key: string): Wording => (p) => (typeof p.days === 'number' ? { key, values: { days: p.days } } : null);

/** Every clock id the domain (caseClocks, transferClocks, rectificationClocks) and the server (taskClock) produce. */
export const CLOCK_RULES: Readonly<Record<string, Wording>> = {
  filing: (p) => {
    if (typeof p.days !== 'number') return null;
    return typeof p.extensionDays === 'number' ? { key: 'filingExtended', values: { days: p.days, extensionDays: p.extensionDays } } : { key: 'filing', values: { days: p.days } };
  },
  decision: (p) => {
    if (typeof p.days !== 'number') return null;
    return typeof p.pausedDays === 'number' ? { key: 'decisionPaused', values: { days: p.days, pausedDays: p.pausedDays } } : { key: 'decision', values: { days: p.days } };
  },
  hearing_request: inDays('hearing_request'),
  service: inDays('service'),
  payment: inDays('payment'),
  transfer_head_decision: inDays('transfer_head_decision'),
  transfer_send: (p) => (typeof p.hours === 'number' ? { key: 'transfer_send', values: { hours: p.hours } } : null),
  transfer_police_decision: (p, t) => {
    if (typeof p.days !== 'number' || typeof p.track !== 'string') return null;
    return { key: 'transfer_police_decision', values: { days: p.days, track: t(`clockRules.tracks.${p.track}`, { defaultValue: p.track }) } };
  },
  transfer_items_handover: inDays('transfer_items_handover'),
  transfer_reconsideration: inDays('transfer_reconsideration'),
  rectification: inDays('rectification'),
  reinspection: inDays('reinspection'),
  task: (p, t) => (typeof p.sourceKind === 'string' ? { key: 'task', values: { source: t(`dispatch.sources.${p.sourceKind}`, { defaultValue: p.sourceKind }) } } : null),
};

/** The clock's rule in the language of `t`; the server's text when the id or its params are unknown. */
export function clockRuleText(clock: ClockRuleInput, t: Translate): string {
  const wording = Object.hasOwn(CLOCK_RULES, clock.id) ? CLOCK_RULES[clock.id] : undefined;
  const message = wording !== undefined && clock.params !== undefined ? wording(clock.params, t) : null;
  return message === null ? clock.rule : t(`clockRules.${message.key}`, message.values);
}
