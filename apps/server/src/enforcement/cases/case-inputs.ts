// What an API caller sends with a case action, turned into the domain's CaseAction. Most actions carry a
// reason or nothing; three are computed here rather than typed in by the officer, so the record holds what
// the rules give and not what someone claimed:
// - record_discretion runs the gates (APL 32/33/36, GD-A2) and the discretion engine (GD art. 6) on the facts
//   and stores the full explanation; the record only names it (discretion.ref);
// - record_exemption and record_discretion keep the gates' may_waive (APL 33 ¶1) on the record, the only
//   ground a waiver (decide_waiver) may rest on;
// - flag_criminal runs the criminal-threshold checks (JI23) on the evidence; the record keeps the flag ids;
// - start_investigation and the collective discussion name users, checked to exist and to be in the region.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  assessCriminalEvidence, beijingDate, calendarDeadline, computeFine, evaluateGates, waivableOf, MITIGATION_FLAGS,
  type CaseAction, type CaseActionType, type CaseRecord, type CriminalFlag, type FineExplanation, type GateFacts, type GateOutcome,
} from '@ecoenforce/domain';
import type { CaseDetails } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import { regionPrefix } from '../../access/index.ts';
import { pinnedCatalogue, type PinKeys } from './case-matter.ts';
import type { CaseContext, CaseRow } from './cases.ts';

export interface PreparedFine {
  amount: number;
  explanation: FineExplanation;
  gates: GateOutcome;
  matter: { code: string; version: number };
  table: { id: string; version: number } | null;
}

export interface Prepared {
  action: CaseAction;
  /** The event's input as stored: what was sent, and what the server derived from it. */
  stored: unknown;
  fine: PreparedFine | null;
  /** New details, when the action adds to them. */
  details?: CaseDetails;
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const text = z.string().trim().min(1).max(4000);

export const gateFactsSchema = z.object({
  actEndedOn: date.nullable(),
  /** Default: the case's discovery date. */
  discoveredOn: date.optional(),
  lifeHealthHarm: z.boolean().optional(),
  noFaultProven: z.boolean().default(false),
  noFaultExcluded: z.boolean().optional(),
  minor: z.boolean().default(false),
  correctedInTime: z.boolean().default(false),
  harm: z.enum(['none', 'minor', 'serious']),
  firstViolation: z.boolean(),
  exceedance: z.object({
    firstInPastYear: z.boolean(),
    pollutants: z.array(z.object({ factor: z.string().max(40), pollutantClass: z.enum(['A', 'B']), multiple: z.number().finite() })).max(50),
  }).optional(),
  abnormalAbatement: z.object({
    suddenFault: z.boolean(), reported: z.boolean(), handledWithinHours: z.number().finite().min(0), dailyMeanCompliant: z.boolean(), firstInPastYear: z.boolean(),
  }).optional(),
  mitigation: z.array(z.enum(MITIGATION_FLAGS)).max(10).optional(),
});

const evidenceRefs = z.array(z.string().max(200)).max(50).optional();
const factorFact = z.union([
  z.object({ proven: z.literal(false), note: z.string().max(2000).optional() }),
  z.object({ proven: z.literal(true), levels: z.array(z.string().max(60)).min(1).max(10), evidence: evidenceRefs }),
  z.object({ proven: z.literal(true), value: z.number().finite(), evidence: evidenceRefs }),
]);

/**
 * Where the officer's values came from (the case forms, issue 14): each pre-filled field, its suggestion and
 * origin, and the reason when the officer changed it. Kept with the event's input; no rule reads it.
 */
const provenanceSchema = z.array(z.object({
  field: z.string().max(60), value: z.string().max(200), suggested: z.string().max(200).optional(), origin: z.string().max(500).optional(), reason: z.string().trim().max(2000).optional(),
})).max(50);

export const fineInputSchema = z.object({
  facts: z.record(z.string().max(60), factorFact).optional(),
  circumstance: z.enum(['ordinary', 'mitigated', 'aggravated']).optional(),
  aggravating: z.array(z.string().max(60)).max(20).optional(),
  mitigating: z.array(z.enum(MITIGATION_FLAGS)).max(10).optional(),
  proposedAmount: z.number().int().nonnegative().optional(),
  instances: z.number().int().optional(),
  base: z.number().finite().optional(),
  apology: z.object({
    correctedBeforeDecision: z.boolean(), apologisedPublicly: z.boolean(), pledged: z.boolean(), reductionPercent: z.number().finite(), bars: z.array(z.string().max(60)).max(10).optional(),
  }).optional(),
  gates: gateFactsSchema,
  /**
   * Where the officer's values came from (the discretion form, issue 14): each field the server suggested
   * (GET …/fine-facts), its suggestion and origin, and the reason when the officer changed it. Kept with the
   * event's input; the engine does not read it.
   */
  provenance: provenanceSchema.optional(),
});
export type FineInput = z.infer<typeof fineInputSchema>;

const sample = z.object({ metal: z.string().max(20), value: z.number().finite(), limit: z.number().finite(), ref: z.string().max(200) });
const evidenceSchema = z.object({
  metals: z.array(sample).max(200).optional(),
  hazardousWaste: z.object({ tonnes: z.number().finite(), ref: z.string().max(200) }).optional(),
  monitoringFraud: z.object({ keyDischarger: z.boolean(), tampered: z.boolean(), pollutants: z.array(z.string().max(40)).max(20), ref: z.string().max(200) }).optional(),
  evasiveDischarge: z.object({ toxic: z.boolean(), method: z.string().max(200), ref: z.string().max(200) }).optional(),
  money: z.object({ gain: z.number().finite().optional(), loss: z.number().finite().optional(), ref: z.string().max(200) }).optional(),
  heavyPollutionRepeat: z.object({
    actAt: z.number().int(), pollutant: z.string().max(40), duringWarning: z.boolean(),
    earlierPenalties: z.array(z.object({ effectiveAt: z.number().int(), ref: z.string().max(200) })).max(50), ref: z.string().max(200),
  }).optional(),
});

const userIds = z.array(z.number().int().positive()).min(1).max(20);

/** Input schema of each action that takes more than nothing. */
const INPUTS = {
  extend_filing: z.object({ reason: text }),
  return_for_investigation: z.object({ reason: text }),
  extend_decision: z.object({ reason: text }),
  terminate: z.object({ reason: text }),
  decline_transfer: z.object({ reason: text }),
  decide_waiver: z.object({ reason: text }),
  propose_transfer: z.object({ reason: text.optional() }),
  start_investigation: z.object({ officers: userIds }),
  complete_collective_discussion: z.object({ participants: userIds }),
  record_statement: z.object({ summary: text }),
  // The reviewer's written opinion (法制审核意见) [APL 58]; optional, kept on the record and its duty entry.
  complete_legal_review: z.object({ opinion: z.string().trim().max(4000).optional() }),
  record_payment: z.object({ amount: z.number().finite().positive() }),
  record_transfer_receipt: z.object({
    kind: z.enum(['police_receipt', 'filing_notice', 'non_filing_notice', 'reconsideration_decision']), track: z.enum(['ordinary', 'verify', 'complex']).optional(), reference: z.string().max(200).optional(),
  }),
  order_correction: z.object({ requirement: text.default('立即改正违法行为'), deadlineDays: z.number().int().min(0).max(365).default(30) }),
  record_exemption: z.object({ gates: gateFactsSchema, provenance: provenanceSchema.optional() }),
  flag_criminal: z.object({ evidence: evidenceSchema, provenance: provenanceSchema.optional() }),
  record_discretion: fineInputSchema,
} as const;

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new InputError(r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '), r.error.issues);
  return r.data;
}

/** Malformed input or a computation that cannot give a fine: the service turns it into a CaseError. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
    /** 'refused': well-formed, but the rules refuse it (the gates leave no fine). */
    readonly kind: 'bad_input' | 'refused' = 'bad_input',
  ) {
    super(message);
  }
}

/** Users named in the case must exist, be active, hold a case role and sit over the case's region. */
export async function checkStaff(db: Kysely<Schema>, ids: number[], regionCode: string, roles: readonly string[], what: string): Promise<void> {
  const rows = await db.selectFrom('users').select(['id', 'role', 'region_code', 'active']).where('id', 'in', ids).execute();
  for (const id of ids) {
    const u = rows.find((r) => Number(r.id) === id);
    if (u === undefined || Number(u.active) !== 1) throw new InputError(`${what}: user ${id} does not exist or is not active`);
    if (!roles.includes(u.role)) throw new InputError(`${what}: user ${id} is a ${u.role}, not one of ${roles.join(', ')}`);
    if (!regionCode.startsWith(regionPrefix(u.region_code))) throw new InputError(`${what}: user ${id} works outside the case's region`);
  }
}

/**
 * The gates then the fine, on the matter and table versions the case was opened under (case-matter.ts): an
 * edit of the catalogue after the opening does not move a running case's basis or range. `fine` null when a
 * gate leaves none.
 */
export async function assessFine(db: Kysely<Schema>, row: PinKeys, record: CaseRecord, input: FineInput): Promise<{ gates: GateOutcome; fine: PreparedFine | null }> {
  const facts: GateFacts = { ...input.gates, discoveredOn: input.gates.discoveredOn ?? beijingDate(record.discoveredAt) };
  const g = evaluateGates(facts);
  if (!g.ok) throw new InputError(`gates: ${g.error.field}: ${g.error.message}`, g.error);
  const gates = g.value;
  // APL 36 and APL 33 leave nothing to fine; may_waive is the decision maker's choice and a fine may still follow.
  if (gates.outcome === 'time_barred' || gates.outcome === 'no_penalty') return { gates, fine: null };
  const pinned = await pinnedCatalogue(db, row);
  const { gates: _g, mitigating, provenance: _p, ...request } = input;
  const r = computeFine({
    ...request, mitigating: [...new Set([...(mitigating ?? []), ...gates.mitigation])], matter: pinned.matter.matter, table: pinned.table?.table ?? null,
  });
  if (!r.ok) throw new InputError(`discretion: ${r.error.message}`, r.error);
  return {
    gates,
    fine: {
      amount: r.amount, explanation: r.explanation, gates, matter: { code: pinned.matter.code, version: pinned.matter.version },
      table: pinned.table === null ? null : { id: pinned.table.id, version: pinned.table.version },
    },
  };
}

/** The reference the record keeps to the stored fine of the event `seq` (case_fines.event_seq). */
export const fineRef = (caseId: number, seq: number): string => `case-fine:${caseId}/${seq}`;

/** Checks and completes the input of one action; computes what the rules compute. */
export async function prepareAction(
  db: Kysely<Schema>, row: CaseRow, record: CaseRecord, type: CaseActionType, input: Record<string, unknown>, ctx: CaseContext & { seq: number },
): Promise<Prepared> {
  const plain = (action: CaseAction, stored: unknown = input): Prepared => ({ action, stored, fine: null });
  switch (type) {
    case 'extend_filing': case 'return_for_investigation': case 'extend_decision': case 'terminate': case 'decline_transfer': case 'decide_waiver':
      return plain({ type, reason: parse(INPUTS[type], input).reason });
    case 'propose_transfer': {
      const { reason } = parse(INPUTS.propose_transfer, input);
      return plain(reason === undefined ? { type } : { type, reason });
    }
    case 'start_investigation': {
      const { officers } = parse(INPUTS.start_investigation, input);
      // Enforcement officers with certificates investigate [APL 42]; a head may join the investigation.
      await checkStaff(db, officers, row.region_code, ['officer', 'head'], 'officers');
      return plain({ type, officers: officers.map(String) });
    }
    case 'complete_collective_discussion': {
      const { participants } = parse(INPUTS.complete_collective_discussion, input);
      await checkStaff(db, participants, row.region_code, ['officer', 'dispatcher', 'legalReviewer', 'head'], 'participants');
      return plain({ type, participants: participants.map(String) });
    }
    case 'record_statement':
      return plain({ type, summary: parse(INPUTS.record_statement, input).summary });
    case 'complete_legal_review': {
      const { opinion } = parse(INPUTS.complete_legal_review, input);
      return plain(opinion ? { type, opinion } : { type });
    }
    case 'record_payment':
      return plain({ type, amount: parse(INPUTS.record_payment, input).amount });
    case 'record_transfer_receipt': {
      const r = parse(INPUTS.record_transfer_receipt, input);
      return plain({ type, kind: r.kind, ...(r.track ? { track: r.track } : {}), ...(r.reference ? { reference: r.reference } : {}) });
    }
    case 'order_correction': {
      const r = parse(INPUTS.order_correction, input);
      const details = JSON.parse(row.details) as CaseDetails;
      const correction = { requirement: r.requirement, deadline: calendarDeadline(ctx.at, r.deadlineDays).lastDay, issuedOn: beijingDate(ctx.at) };
      return { action: { type }, stored: { ...r, ...correction }, fine: null, details: { ...details, correction } };
    }
    case 'record_exemption': {
      const { gates: facts, provenance } = parse(INPUTS.record_exemption, input);
      const kept = provenance === undefined ? {} : { provenance };
      const g = evaluateGates({ ...facts, discoveredOn: facts.discoveredOn ?? beijingDate(record.discoveredAt) });
      if (!g.ok) throw new InputError(`gates: ${g.error.field}: ${g.error.message}`, g.error);
      const o = g.value;
      // may_waive is recorded as a possible waiver (APL 33 ¶1 "may"), not as an exemption ("shall not").
      const w = waivableOf(o);
      if (w !== null) return plain({ type, gate: w.gate, article: w.article, waivable: true, gateReason: w.reason }, { facts, gates: o, ...kept });
      if (o.outcome !== 'no_penalty' && o.outcome !== 'time_barred') throw new InputError(`no exemption applies: the gates say ${o.outcome}`, { gates: o }, 'refused');
      return plain({ type, gate: o.outcome === 'no_penalty' ? o.ground : 'limitation', article: o.article }, { facts, gates: o, ...kept });
    }
    case 'flag_criminal': {
      const { evidence, provenance } = parse(INPUTS.flag_criminal, input);
      // An unknown metal name is refused as bad input (400), never skipped nor a crash.
      const r = assessCriminalEvidence(evidence);
      if (!r.ok) throw new InputError(r.error.message, r.error);
      const flags: CriminalFlag[] = r.flags;
      // No threshold met: the domain refuses (at least one flag [JI23]) and says so.
      return plain({ type, flags: flags.map((f) => f.id) }, { evidence, flags, ...(provenance === undefined ? {} : { provenance }) });
    }
    case 'record_discretion': {
      const fineInput = parse(INPUTS.record_discretion, input);
      const { gates, fine } = await assessFine(db, row, record, fineInput);
      if (fine === null) throw new InputError(`no fine: the gates say ${gates.outcome} (${'article' in gates ? gates.article : ''})`, { gates }, 'refused');
      const w = waivableOf(gates);
      return { action: { type, amount: fine.amount, ref: fineRef(row.id, ctx.seq), ...(w === null ? {} : { waivable: w }) }, stored: { ...fineInput, amount: fine.amount }, fine };
    }
    case 'file': case 'issue_advance_notice': case 'waive_hearing': case 'request_hearing': case 'submit_for_review': case 'complete_hearing':
    case 'refer_collective_discussion': case 'decide': case 'decide_no_penalty': case 'serve': case 'execute': case 'close':
    case 'approve_transfer': case 'send_transfer': case 'police_accept': case 'police_decline': case 'request_reconsideration': case 'hand_over_items':
    case 'police_accept_on_reconsideration':
      return plain({ type });
  }
}
