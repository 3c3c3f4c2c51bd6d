// What of a penalty case may be published (issue 5 §9; rules.md §7): the decision's public facts — case
// number, party (a legal entity: name and USCC), matter, legal and penalty basis, amount, decision date —
// and, for a typical case, the narrative (cause, facts, evidence, the correction ordered) after redaction of
// every natural person's data (redaction.ts). Reads only; the callers store or serve the result.
import type { Kysely } from 'kysely';
import { beijingDate, type CaseRecord, type EnforcementMatter } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import { cnArticle } from '../cases/case-documents.ts';
import type { CaseDetails, DecisionSummary, TypicalContent } from '@ecoenforce/contract';
import { redactAll, REDACTION_RULES } from './redaction.ts';

const article = (a: Parameters<typeof cnArticle>[0]): string => {
  const c = cnArticle(a);
  return `${c.law}${c.article}`;
};

interface Loaded {
  summary: DecisionSummary;
  details: CaseDetails;
  record: CaseRecord;
  enterpriseId: number;
  taskId: number | null;
}

/** The case's publishable summary and what the narrative needs; undefined when the case does not exist. */
export async function loadForPublication(db: Kysely<Schema>, caseId: number): Promise<Loaded | undefined> {
  const c = await db.selectFrom('cases as c').innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select(['c.id', 'c.number', 'c.region_code', 'c.enterprise_id', 'c.task_id', 'c.matter_code', 'c.matter_version', 'c.state', 'c.amount', 'c.decided_at', 'c.closed_at', 'c.record', 'c.details', 'e.name', 'e.uscc'])
    .where('c.id', '=', caseId).executeTakeFirst();
  if (c === undefined) return undefined;
  const [m, region] = await Promise.all([
    db.selectFrom('enforcement_matters').select('body').where('code', '=', c.matter_code).where('version', '=', Number(c.matter_version)).executeTakeFirst(),
    db.selectFrom('regions').select('name').where('code', '=', c.region_code).executeTakeFirst(),
  ]);
  const matter = m === undefined ? null : (JSON.parse(m.body) as EnforcementMatter);
  const record = JSON.parse(c.record) as CaseRecord;
  return {
    summary: {
      caseId: Number(c.id), caseNumber: c.number, regionCode: c.region_code, regionName: region?.name ?? '', enterpriseName: c.name, uscc: c.uscc,
      matter: { code: c.matter_code, version: Number(c.matter_version), name: matter?.name.zh ?? c.matter_code },
      legalBasis: matter === null ? [] : matter.legalBasis.map(article),
      penaltyBasis: matter === null ? '' : article(matter.penaltyBasis),
      amount: c.amount === null ? null : Number(c.amount),
      decidedOn: c.decided_at === null ? null : beijingDate(Number(c.decided_at)),
      closedOn: c.closed_at === null ? null : beijingDate(Number(c.closed_at)),
      state: c.state,
    },
    details: JSON.parse(c.details) as CaseDetails,
    record,
    enterpriseId: Number(c.enterprise_id),
    taskId: c.task_id === null ? null : Number(c.task_id),
  };
}

/**
 * What the redaction must remove: every user who acted in the case or is on its record (officers, reviewers,
 * the head) with their certificate numbers, the party's legal representative (a natural person, unlike the
 * party), and the reporter of the tip the case came from (confidential by law).
 */
async function namesInCase(db: Kysely<Schema>, loaded: Loaded): Promise<{ officers: string[]; persons: string[]; certificates: string[] }> {
  const events = await db.selectFrom('case_events').select('actor_id').where('case_id', '=', loaded.summary.caseId).execute();
  const ids = new Set<number>([...events.map((e) => Number(e.actor_id)), ...loaded.record.investigators.map(Number).filter(Number.isInteger)]);
  const users = ids.size === 0 ? [] : await db.selectFrom('users').select(['display_name', 'certificate_no']).where('id', 'in', [...ids]).execute();
  const persons: string[] = [];
  const party = await db.selectFrom('enterprises').select('legal_representative').where('id', '=', loaded.enterpriseId).executeTakeFirst();
  if (party?.legal_representative) persons.push(party.legal_representative);
  if (loaded.taskId !== null) {
    const tip = await db.selectFrom('tasks as t').innerJoin('tips as p', 'p.id', 't.source_id').select('p.reporter_name')
      .where('t.id', '=', loaded.taskId).where('t.source_kind', '=', 'tip').executeTakeFirst();
    if (tip?.reporter_name) persons.push(tip.reporter_name);
  }
  const certificates = users.flatMap((u) => (u.certificate_no ? [u.certificate_no] : []));
  return { officers: users.map((u) => u.display_name), persons, certificates };
}

/** The redacted content of a typical case. */
export async function typicalContent(db: Kysely<Schema>, loaded: Loaded): Promise<TypicalContent> {
  const names = await namesInCase(db, loaded);
  const d = loaded.details;
  const evidence = Object.fromEntries(d.evidence.map((e, i) => [`e${i}`, e.detail ? `${e.name}：${e.detail}` : e.name]));
  const input: Record<string, string> = { cause: d.cause, facts: d.facts, correction: d.correction?.requirement ?? '', ...evidence };
  const { texts, removed } = redactAll(input, { ...names, keep: [loaded.summary.uscc, loaded.summary.enterpriseName] });
  return {
    ...loaded.summary,
    cause: texts.cause ?? '', facts: texts.facts ?? '', correction: d.correction === null ? null : texts.correction ?? '',
    evidence: d.evidence.map((_e, i) => texts[`e${i}`] ?? ''),
    redaction: { removed, rules: REDACTION_RULES },
  };
}
