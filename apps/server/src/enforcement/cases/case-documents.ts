// From a stored case to the input of its Chinese documents (enforcement/cases/documents/case-input.ts): the party from the registry,
// the dates and officers from the domain record, the articles from the matter version the case was opened
// under, the discretion rows and amount from the stored fine explanation, and the facts the officers wrote
// (cases.details), and the later acts from case-acts.ts. Only the kinds with templates (documents.ts) are made; other acts produce a record entry only.
// The legal representative and the officers' certificate numbers come from the registry (enterprises.
// legal_representative, users.certificate_no); where it holds nothing for a field a template requires, the
// document says so in words rather than inventing a value.
import type { Kysely } from 'kysely';
import {
  beijingDate, calendarDeadline, citationZh, cnNumber, hearingRequestWindow, PAYMENT_DAYS, SERVICE_DAYS, SOURCE_TITLES_ZH,
  type ArticleRef, type Circumstance, type FineStep, type CaseRecord, type DocumentKind, type EnforcementMatter, type FineExplanation, type LawKey,
} from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import { CASE_DOCUMENTS, caseDocumentRequest, type CaseDocumentInput, type CaseDocumentKind } from './documents/documents.ts';
import type { PdfRequest } from '../../platform/pdf/frames.ts';
import type { CaseDetails } from '@ecoenforce/contract';
import type { CaseRow } from './cases.ts';
import { siblingNumber } from './case-numbers.ts';
import { actsOf } from './case-acts.ts';

const LAW_NAMES: Readonly<Record<LawKey, string>> = { EPL: SOURCE_TITLES_ZH.EPL!, AIR: SOURCE_TITLES_ZH.AIR!, WAT: SOURCE_TITLES_ZH.WAT!, APL: SOURCE_TITLES_ZH.APL!, PRM: SOURCE_TITLES_ZH.PRM!, CET: SOURCE_TITLES_ZH.CET! };

export function cnArticle(a: ArticleRef): { law: string; article: string } {
  return { law: LAW_NAMES[a.law], article: `第${cnNumber(a.article)}条${a.item === undefined ? '' : `第${cnNumber(a.item)}项`}` };
}

/**
 * The no-penalty grounds of the gates (gates.ts) as a 不予行政处罚决定书 states them, after "你单位的上述违法行为",
 * with the article cited. [GD-A2] is Guangdong's list of minor violations not penalised, made under APL 33 ¶1.
 */
const APL = LAW_NAMES.APL;
const NO_PENALTY_GROUNDS: Readonly<Record<string, { text: string; basis: { law: string; article: string } }>> = {
  first_violation: { text: '系初次违法，危害后果轻微，并已及时改正', basis: { law: APL, article: '第三十三条第一款' } },
  minor_no_harm: { text: '轻微并已及时改正，没有造成危害后果', basis: { law: APL, article: '第三十三条第一款' } },
  no_fault: { text: '经当事人举证，足以证明没有主观过错', basis: { law: APL, article: '第三十三条第二款' } },
  gd_minor_exceedance: { text: '属一年内首次超标，仅一项B类污染物超标且超标倍数小于0.1倍，并已及时改正，列入广东省轻微违法行为不予处罚清单（附件2）', basis: { law: APL, article: '第三十三条第一款' } },
  gd_abnormal_abatement: { text: '系污染防治设施突发故障，已及时报告并在24小时内处置，日均值达标，且为一年内首次，列入广东省轻微违法行为不予处罚清单（附件2）', basis: { law: APL, article: '第三十三条第一款' } },
  limitation: { text: '在二年内未被发现', basis: { law: APL, article: '第三十六条第一款' } },
};

/** The ground of a no-penalty decision from the record: the waiver (APL 33 ¶1 "may") or the exemption. */
async function noPenaltyOf(db: Kysely<Schema>, record: CaseRecord): Promise<NonNullable<CaseDocumentInput['decision']['noPenalty']> | undefined> {
  const w = record.waiver ?? null;
  const gate = w?.gate ?? record.exemption?.gate;
  if (gate === undefined) return undefined;
  const g = NO_PENALTY_GROUNDS[gate] ?? { text: `符合不予行政处罚的情形（${w?.article ?? record.exemption?.article ?? gate}）`, basis: { law: APL, article: '第三十三条' } };
  const by = w?.by ?? record.duties.findLast((d) => d.action === 'decide_no_penalty')?.by;
  const user = by === undefined ? undefined : await db.selectFrom('users').select('display_name').where('id', '=', Number(by)).executeTakeFirst();
  const decidedBy = `本机关负责人${user?.display_name ?? (by === undefined ? '' : `（用户${by}）`)}`;
  return { ground: w !== null ? 'waived' : 'exempt', basis: g.basis, gateReason: g.text, decidedBy, ...(w !== null ? { reason: w.reason } : {}) };
}

const isTemplate = (kind: DocumentKind): kind is CaseDocumentKind => Object.hasOwn(CASE_DOCUMENTS, kind);
const NOT_RECORDED = '（未登记）';

/** The discretion classes as a decision names them. */
const CIRCUMSTANCE_ZH: Readonly<Record<Circumstance, string>> = { ordinary: '一般', mitigated: '从轻', aggravated: '从重' };
const yuan = (n: number): string => `${Math.round(n).toLocaleString('en-US')}元`;

/** A step after the weights (discretion.ts) in the decision's words, from its rule and amount, never its English detail. */
export function stepZh(s: FineStep): string {
  const cite = citationZh(s.source);
  const basis = cite === '' ? '' : `（依据${cite}）`;
  if (s.rule === 'statutory_minimum') return `按各项权重计算的罚款低于法定最低限额，依法按法定最低限额${yuan(s.amount)}处罚${basis}`;
  if (s.rule === 'mitigated_below_midpoint') return `具有从轻处罚情形，罚款在裁量幅度中间值以下确定为${yuan(s.amount)}${basis}`;
  if (s.rule === 'apology') return `当事人在作出处罚决定前改正违法行为，公开赔礼道歉并作出承诺，依规定予以减少，罚款为${yuan(s.amount)}${basis}`;
  if (s.rule.startsWith('range_')) return `按${CIRCUMSTANCE_ZH[s.rule.slice(6) as Circumstance] ?? '一般'}情形在法定幅度内确定罚款${yuan(s.amount)}${basis}`;
  return `罚款确定为${yuan(s.amount)}${basis}`;
}

/** The discretion table of a decision: the starting weight and each factor, or the range-mode class, each with its citation in Chinese. */
export function discretionOf(e: FineExplanation | null, matter: EnforcementMatter): CaseDocumentInput['discretion'] {
  const max = 'max' in matter.penalty ? matter.penalty.max : 0;
  const benchmark = SOURCE_TITLES_ZH.GD!;
  const cite = (source: string): string => citationZh(source) || '—';
  if (e === null) return { benchmark, statutoryMax: max, rows: [{ factor: '尚未裁量', level: '—', weight: 0, article: '—' }] };
  const rows = e.method === 'weights'
    ? [
      ...(e.start ? [{ factor: '基础裁量', level: '—', weight: e.start.weight, article: cite(e.start.source) }] : []),
      ...e.factors.map((f) => ({ factor: f.label.zh, level: f.proven ? f.levelLabel.zh : `${f.levelLabel.zh}（未查实，按最低等级）`, weight: f.weight, article: cite(f.source) })),
    ]
    : [{ factor: '裁量情形', level: CIRCUMSTANCE_ZH[e.circumstance.applied ?? 'ordinary'], weight: Math.min(100, Math.round((e.amount / e.statutory.max) * 10_000) / 100), article: cite(e.steps[0]?.source ?? 'GD art. 12') }];
  // Steps after the weights (the statutory minimum, mitigation, the apology reduction) in words.
  const extra = e.steps.slice(1).map(stepZh).join('；');
  return { benchmark, statutoryMax: e.statutory.max, rows, ...(extra === '' ? {} : { note: `另：${extra}。` }) };
}

export async function regionNames(db: Kysely<Schema>, code: string): Promise<{ bureau: string; government: string; county: string }> {
  const rows = await db.selectFrom('regions').select(['code', 'name', 'level']).where('code', 'in', [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`]).execute();
  const at = (level: string) => rows.find((r) => r.level === level)?.name;
  const city = at('city');
  const province = at('province') ?? '';
  // County branches act in the name of the city bureau in most provinces (分局); a province case is the 厅's.
  return {
    bureau: city ? `${city}生态环境局` : `${province}生态环境厅`,
    government: city ? `${city}人民政府` : `${province}人民政府`,
    county: at('county') ?? city ?? province,
  };
}

/** The document input for one kind, or null when no template makes it. */
export async function caseDocumentFor(db: Kysely<Schema>, kind: DocumentKind, row: CaseRow, at: number): Promise<{ request: PdfRequest; number: string | null } | null> {
  if (!isTemplate(kind)) return null;
  const record = JSON.parse(row.record) as CaseRecord;
  const details = JSON.parse(row.details) as CaseDetails;
  const [enterprise, matterRow, fineRow, names] = await Promise.all([
    db.selectFrom('enterprises').select(['name', 'uscc', 'address', 'legal_representative']).where('id', '=', row.enterprise_id).executeTakeFirstOrThrow(),
    db.selectFrom('enforcement_matters').select('body').where('code', '=', row.matter_code).where('version', '=', row.matter_version).executeTakeFirstOrThrow(),
    db.selectFrom('case_fines').select(['explanation']).where('case_id', '=', row.id).orderBy('event_seq', 'desc').limit(1).executeTakeFirst(),
    regionNames(db, row.region_code),
  ]);
  const matter = JSON.parse(matterRow.body) as EnforcementMatter;
  const explanation = fineRow === undefined ? null : (JSON.parse(fineRow.explanation) as FineExplanation);
  // The filing form precedes the investigation: until investigators are named, the 承办人 proposing the
  // filing are the proposed ones (details.proposedOfficers, e.g. the task's officers), else the user who opened the case.
  const investigators = record.investigators.length > 0 ? record.investigators.map(Number) : details.proposedOfficers?.length ? details.proposedOfficers : [Number(row.created_by)];
  const ids = investigators.filter(Number.isInteger);
  const users = ids.length === 0 ? [] : await db.selectFrom('users').select(['id', 'display_name', 'certificate_no']).where('id', 'in', ids).execute();
  const officers = investigators.map((id) => {
    const u = users.find((x) => Number(x.id) === id);
    return { name: u?.display_name ?? `用户${id}`, certificate: u?.certificate_no || NOT_RECORDED };
  });
  while (officers.length < 2) officers.push({ name: '（待指派）', certificate: '—' });
  const day = (t: number | null): string => beijingDate(t ?? at);
  const hearing = hearingRequestWindow({ advanceNoticeAt: record.advanceNoticeAt ?? at });
  const decidedAt = record.decidedAt ?? at;
  const noPenalty = kind === 'no_penalty_decision' ? await noPenaltyOf(db, record) : undefined;
  const numbers = {
    // From the case's stored number, so an issued number's prefix never changes (case-numbers.ts).
    order: siblingNumber(row.number, '责改'),
    notice: siblingNumber(row.number, '罚告'),
    decision: row.number,
    noPenalty: siblingNumber(row.number, '不罚'),
  };
  const amount = record.discretion?.amount ?? explanation?.amount ?? 0;
  const acts = await actsOf(db, kind, record, at, { caseId: Number(row.id), numbers, place: enterprise.address || NOT_RECORDED, amount });
  const input: CaseDocumentInput = {
    ...acts,
    bureau: { name: names.bureau, address: NOT_RECORDED, contact: '案件承办人', phone: NOT_RECORDED },
    caseNumber: row.number,
    numbers,
    party: { name: enterprise.name, uscc: enterprise.uscc, address: enterprise.address || NOT_RECORDED, legalRepresentative: enterprise.legal_representative || NOT_RECORDED },
    source: details.source || '自动监控预警',
    cause: details.cause || `${matter.name.zh}案`,
    discoveredOn: day(record.discoveredAt),
    filedOn: day(record.filedAt),
    officers,
    facts: details.facts || `你单位存在${matter.name.zh}的行为。`,
    evidence: details.evidence.length > 0 ? details.evidence : [{ name: '自动监控数据及现场检查记录' }],
    legalBasis: matter.legalBasis.map(cnArticle),
    penaltyBasis: [cnArticle(matter.penaltyBasis)],
    discretion: discretionOf(explanation, matter),
    amount,
    correction: details.correction ?? { requirement: '立即改正违法行为', deadline: calendarDeadline(at, 30).lastDay, issuedOn: day(at) },
    notice: { issuedOn: day(record.advanceNoticeAt), statementDeadline: hearing!.lastDay, hearingDeadline: hearing!.lastDay },
    decision: {
      issuedOn: day(decidedAt),
      ...(record.statements.length > 0 ? { statementAndReview: `你单位提出了陈述、申辩意见：${record.statements.map((s) => s.summary).join('；')}。经复核，我局认为上述意见不影响本案事实认定和处罚裁量。` } : {}),
      // Fifteen days from receipt [APL 67]; the decision is served within seven days [APL 61], so the date
      // printed is the latest receipt plus fifteen: never earlier than the party's right.
      paymentDeadline: calendarDeadline(decidedAt, SERVICE_DAYS + PAYMENT_DAYS).lastDay,
      payment: '本局开具的《非税收入缴款通知书》载明的代收银行账户',
      reconsiderationBody: names.government,
      court: `${names.county}人民法院`,
      ...(noPenalty === undefined ? {} : { noPenalty }),
    },
  };
  const number = kind === 'order_to_correct' ? numbers.order : kind === 'advance_notice' ? numbers.notice : kind === 'penalty_decision' ? numbers.decision
    : kind === 'no_penalty_decision' ? numbers.noPenalty : null;
  return { request: caseDocumentRequest(kind, input), number };
}
