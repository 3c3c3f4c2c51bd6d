// The enforcement-matter catalogue (执法事项, issue 5 §4): each matter names the conduct, the article it
// breaches, the article that punishes it, the statutory penalty, who decides, the responsible post, and the
// discretion table that turns facts into a fine. Admins edit it and the store versions it, so a matter is
// validated when saved (validateMatter), never when a fine is computed. Seeded from rules.md §4 and §6.

export interface Bilingual {
  zh: string;
  en: string;
}

/** Law keys of rules.md's source key. */
export const LAW_KEYS = ['EPL', 'AIR', 'WAT', 'APL', 'PRM', 'CET'] as const;
export type LawKey = (typeof LAW_KEYS)[number];

/** One article, optionally one item (项) of it: AIR 99(2) = { law: 'AIR', article: 99, item: 2 }. */
export interface ArticleRef {
  law: LawKey;
  article: number;
  item?: number;
}

/**
 * The statutory penalty, in yuan. A multiple multiplies the direct loss (AIR 122, WAT 94) or the illegal
 * gain (CET 22, 23); `orRange` is the fixed range the article sets when there is no gain to multiply.
 * `daily` fines (EPL 59, WAT 95) are the original fine per day and are counted by the daily-penalty
 * workflow, not by the discretion engine; detention (EPL 63) is not a fine at all.
 */
export type StatutoryPenalty =
  | { kind: 'range'; min: number; max: number }
  | { kind: 'perInstance'; min: number; max: number }
  | { kind: 'maximumOnly'; max: number }
  | { kind: 'multiple'; of: 'directLoss' | 'illegalGain'; min: number; max: number; orRange?: { min: number; max: number } }
  | { kind: 'daily'; of: 'originalFine' }
  | { kind: 'detention'; days: { min: number; max: number }; minorDays: { min: number; max: number } };

export type DecidingAuthority = 'eco_environment_department' | 'public_security';
export type AuthorityLevel = 'county_or_above' | 'city_or_above' | 'province';

export interface EnforcementMatter {
  /** Stable code, e.g. AIR-99-2; the case stores it with the version it was decided under. */
  code: string;
  version: number;
  name: Bilingual;
  /** The article(s) the conduct breaches. Where rules.md names none, the penalty article stands alone. */
  legalBasis: ArticleRef[];
  penaltyBasis: ArticleRef;
  penalty: StatutoryPenalty;
  /** Who may decide; `level` null where rules.md does not say and the bureau must fill it in. */
  decidedBy: { authority: DecidingAuthority; level: AuthorityLevel | null };
  responsiblePost: Bilingual;
  /** Id of the benchmark table (discretion-tables.ts) that applies, or null: GD art. 12 range mode. */
  discretionTableId: string | null;
  /** Citation keys of rules.md the entry comes from. */
  source: string;
}

export type MatterErrorCode =
  | 'not_an_object' | 'missing_field' | 'bad_code' | 'bad_version' | 'bad_text' | 'bad_article' | 'bad_amount'
  | 'min_above_max' | 'bad_penalty_kind' | 'bad_authority' | 'table_without_fine' | 'unknown_table' | 'duplicate_code';

export interface MatterError {
  code: MatterErrorCode;
  /** Dotted path of the offending field, '' for the whole matter. */
  path: string;
  message: string;
}

export type MatterValidation = { ok: true; matter: EnforcementMatter } | { ok: false; errors: MatterError[] };

const CODE_RE = /^[A-Z]{2,5}-\d{1,4}(-[A-Za-z0-9]{1,12})*$/;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 500;
const isYuan = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e12;
const isPositiveNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 1000;

function checkBilingual(v: unknown, path: string, out: MatterError[]): void {
  if (!isObj(v)) return void out.push({ code: 'missing_field', path, message: `${path} must be { zh, en }` });
  for (const lang of ['zh', 'en'] as const) if (!isText(v[lang])) out.push({ code: 'bad_text', path: `${path}.${lang}`, message: `${path}.${lang} must be non-empty text of at most 500 characters` });
}

function checkArticle(v: unknown, path: string, out: MatterError[]): void {
  const ok = isObj(v) && (LAW_KEYS as readonly unknown[]).includes(v.law) && typeof v.article === 'number' && Number.isInteger(v.article) && v.article >= 1 && v.article <= 999
    && (v.item === undefined || (typeof v.item === 'number' && Number.isInteger(v.item) && v.item >= 1 && v.item <= 99));
  if (!ok) out.push({ code: 'bad_article', path, message: `${path} must be { law: ${LAW_KEYS.join('|')}, article: 1–999, item?: 1–99 }` });
}

function checkRange(min: unknown, max: unknown, path: string, out: MatterError[], amount: (v: unknown) => boolean = isYuan): void {
  if (!amount(min)) out.push({ code: 'bad_amount', path: `${path}.min`, message: `${path}.min is not a valid amount` });
  if (!amount(max)) out.push({ code: 'bad_amount', path: `${path}.max`, message: `${path}.max is not a valid amount` });
  if (amount(min) && amount(max) && (min as number) > (max as number)) out.push({ code: 'min_above_max', path, message: `${path}: min exceeds max` });
}

function checkPenalty(p: unknown, out: MatterError[]): void {
  if (!isObj(p)) return void out.push({ code: 'missing_field', path: 'penalty', message: 'penalty is required' });
  switch (p.kind) {
    case 'range':
    case 'perInstance':
      checkRange(p.min, p.max, 'penalty', out);
      if (isYuan(p.max) && p.max === 0) out.push({ code: 'bad_amount', path: 'penalty.max', message: 'penalty.max must be above 0' });
      return;
    case 'maximumOnly':
      if (!isYuan(p.max) || p.max === 0) out.push({ code: 'bad_amount', path: 'penalty.max', message: 'penalty.max must be a positive whole number of yuan' });
      return;
    case 'multiple':
      if (p.of !== 'directLoss' && p.of !== 'illegalGain') out.push({ code: 'bad_penalty_kind', path: 'penalty.of', message: 'penalty.of must be directLoss or illegalGain' });
      checkRange(p.min, p.max, 'penalty', out, isPositiveNumber);
      if (p.orRange !== undefined) {
        if (!isObj(p.orRange)) out.push({ code: 'bad_amount', path: 'penalty.orRange', message: 'penalty.orRange must be { min, max }' });
        else checkRange(p.orRange.min, p.orRange.max, 'penalty.orRange', out);
      }
      return;
    case 'daily':
      if (p.of !== 'originalFine') out.push({ code: 'bad_penalty_kind', path: 'penalty.of', message: 'a daily fine repeats the original fine (EPL 59)' });
      return;
    case 'detention': {
      const days = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 20;
      for (const k of ['days', 'minorDays'] as const) {
        const d = p[k];
        if (!isObj(d)) out.push({ code: 'missing_field', path: `penalty.${k}`, message: `penalty.${k} must be { min, max } days` });
        else checkRange(d.min, d.max, `penalty.${k}`, out, days);
      }
      return;
    }
    default:
      out.push({ code: 'bad_penalty_kind', path: 'penalty.kind', message: 'penalty.kind must be range, perInstance, maximumOnly, multiple, daily or detention' });
  }
}

/**
 * Checks one matter as an admin submitted it. `tableIds`, when given, are the discretion tables that exist:
 * a matter may not point at a missing one.
 */
export function validateMatter(input: unknown, tableIds?: readonly string[]): MatterValidation {
  const out: MatterError[] = [];
  if (!isObj(input)) return { ok: false, errors: [{ code: 'not_an_object', path: '', message: 'a matter must be an object' }] };
  const m = input;
  if (typeof m.code !== 'string' || !CODE_RE.test(m.code)) out.push({ code: 'bad_code', path: 'code', message: 'code must look like AIR-99-2: law letters, article, optional parts' });
  if (typeof m.version !== 'number' || !Number.isInteger(m.version) || m.version < 1) out.push({ code: 'bad_version', path: 'version', message: 'version must be a whole number ≥ 1' });
  checkBilingual(m.name, 'name', out);
  checkBilingual(m.responsiblePost, 'responsiblePost', out);
  if (!Array.isArray(m.legalBasis) || m.legalBasis.length === 0) out.push({ code: 'missing_field', path: 'legalBasis', message: 'legalBasis must list at least one article' });
  else m.legalBasis.forEach((a, i) => checkArticle(a, `legalBasis.${i}`, out));
  checkArticle(m.penaltyBasis, 'penaltyBasis', out);
  checkPenalty(m.penalty, out);
  const d = m.decidedBy;
  if (!isObj(d) || (d.authority !== 'eco_environment_department' && d.authority !== 'public_security')
    || !(d.level === null || d.level === 'county_or_above' || d.level === 'city_or_above' || d.level === 'province')) {
    out.push({ code: 'bad_authority', path: 'decidedBy', message: 'decidedBy must be { authority: eco_environment_department|public_security, level: county_or_above|city_or_above|province|null }' });
  }
  if (!isText(m.source)) out.push({ code: 'missing_field', path: 'source', message: 'source must cite where the entry comes from' });
  const t = m.discretionTableId;
  if (t !== null && typeof t !== 'string') out.push({ code: 'unknown_table', path: 'discretionTableId', message: 'discretionTableId must be a table id or null' });
  else if (typeof t === 'string') {
    // GD art. 6: a weight table multiplies the statutory maximum, so it needs a fixed maximum.
    const kind = isObj(m.penalty) ? m.penalty.kind : undefined;
    if (kind !== 'range' && kind !== 'maximumOnly') out.push({ code: 'table_without_fine', path: 'discretionTableId', message: 'a discretion table needs a penalty of kind range or maximumOnly (GD art. 6)' });
    if (tableIds !== undefined && !tableIds.includes(t)) out.push({ code: 'unknown_table', path: 'discretionTableId', message: `no discretion table ${t}` });
  }
  return out.length === 0 ? { ok: true, matter: m as unknown as EnforcementMatter } : { ok: false, errors: out };
}

/** Checks a whole catalogue: each matter, and codes unique across it. */
export function validateCatalogue(matters: readonly unknown[], tableIds?: readonly string[]): MatterError[] {
  const out: MatterError[] = [];
  const seen = new Set<string>();
  matters.forEach((m, i) => {
    const r = validateMatter(m, tableIds);
    if (!r.ok) for (const e of r.errors) out.push({ ...e, path: e.path === '' ? `${i}` : `${i}.${e.path}` });
    const code = isObj(m) ? m.code : undefined;
    if (typeof code === 'string') {
      if (seen.has(code)) out.push({ code: 'duplicate_code', path: `${i}.code`, message: `code ${code} appears twice` });
      seen.add(code);
    }
  });
  return out;
}

/** "AIR 99(2)" for explanations and documents. */
export function formatArticle(a: ArticleRef): string {
  return a.item === undefined ? `${a.law} ${a.article}` : `${a.law} ${a.article}(${a.item})`;
}

// ---- Seed (rules.md §4 penalties table, §6 CET 21–23) ----------------------------------------------------
// Who decides and the violated article are not in rules.md: the levels below are those the penalty clauses
// of AIR, WAT and EPL name (县级以上人民政府生态环境主管部门); PRM and CET entries leave the level to the bureau.

const CASE_POST: Bilingual = { zh: '综合行政执法机构 案件承办岗', en: 'enforcement agency, case-handling post' };
const TRANSFER_POST: Bilingual = { zh: '综合行政执法机构 案件移送岗', en: 'enforcement agency, case-transfer post' };
const COUNTY = { authority: 'eco_environment_department', level: 'county_or_above' } as const;
const UNSTATED = { authority: 'eco_environment_department', level: null } as const;
const art = (law: LawKey, article: number, item?: number): ArticleRef => (item === undefined ? { law, article } : { law, article, item });
const range = (min: number, max: number): StatutoryPenalty => ({ kind: 'range', min, max });

function entry(
  code: string, zh: string, en: string, penaltyBasis: ArticleRef, penalty: StatutoryPenalty,
  more: Partial<Pick<EnforcementMatter, 'legalBasis' | 'decidedBy' | 'responsiblePost' | 'discretionTableId' | 'source'>> = {},
): EnforcementMatter {
  return {
    code, version: 1, name: { zh, en }, legalBasis: more.legalBasis ?? [penaltyBasis], penaltyBasis, penalty,
    decidedBy: more.decidedBy ?? COUNTY, responsiblePost: more.responsiblePost ?? CASE_POST,
    discretionTableId: more.discretionTableId ?? null, source: more.source ?? 'rules.md §4',
  };
}

export const MATTER_SEED: readonly EnforcementMatter[] = [
  entry('AIR-99-1', '未依法取得排污许可证排放大气污染物', 'Discharging air pollutants without a permit', art('AIR', 99, 1), range(100_000, 1_000_000)),
  // [GD-A1] the weight table is published for AIR 99(2), exceedance.
  entry('AIR-99-2', '超过大气污染物排放标准或者重点大气污染物排放总量控制指标排放', 'Air emissions over the standard or the total-load cap', art('AIR', 99, 2), range(100_000, 1_000_000), { discretionTableId: 'GD-AIR-99-2', source: 'rules.md §4; [GD-A1]' }),
  // AIR 20 defines evasion: covert discharge, falsified data, shutdowns to dodge inspection, bypass, abnormal abatement.
  entry('AIR-99-3', '通过逃避监管的方式排放大气污染物', 'Discharging air pollutants by evading supervision', art('AIR', 99, 3), range(100_000, 1_000_000), { legalBasis: [art('AIR', 20), art('AIR', 99, 3)] }),
  entry('AIR-100', '未按规定安装、联网或正常运行自动监测设备，或未公开监测数据', 'Automatic monitors not installed, networked or running; data not disclosed', art('AIR', 100), range(20_000, 200_000)),
  entry('AIR-122-GENERAL', '造成一般或者较大大气污染事故', 'Causing an ordinary or larger air-pollution accident', art('AIR', 122), { kind: 'multiple', of: 'directLoss', min: 1, max: 3 }),
  entry('AIR-122-MAJOR', '造成重大或者特大大气污染事故', 'Causing a major or extraordinary air-pollution accident', art('AIR', 122), { kind: 'multiple', of: 'directLoss', min: 3, max: 5 }),
  entry('WAT-82', '未按规定履行水污染物监测义务', 'Water-monitoring duties breached', art('WAT', 82), range(20_000, 200_000)),
  entry('WAT-83-1', '未依法取得排污许可证排放水污染物', 'Discharging water pollutants without a permit', art('WAT', 83, 1), range(100_000, 1_000_000)),
  entry('WAT-83-2', '超过水污染物排放标准或者重点水污染物排放总量控制指标排放', 'Water discharges over the standard or the total-load cap', art('WAT', 83, 2), range(100_000, 1_000_000), { discretionTableId: 'GD-WAT-83-2', source: 'rules.md §4; [GD-A1]' }),
  entry('WAT-83-3', '通过逃避监管的方式排放水污染物', 'Discharging water pollutants by evading supervision', art('WAT', 83, 3), range(100_000, 1_000_000)),
  entry('WAT-94-GENERAL', '造成一般或者较大水污染事故', 'Causing an ordinary or larger water-pollution accident', art('WAT', 94), { kind: 'multiple', of: 'directLoss', min: 0.2, max: 0.2 }),
  entry('WAT-94-MAJOR', '造成重大或者特大水污染事故', 'Causing a major or extraordinary water-pollution accident', art('WAT', 94), { kind: 'multiple', of: 'directLoss', min: 0.3, max: 0.3 }),
  entry('WAT-95', '受到罚款处罚后继续违法排放水污染物', 'Discharging again after a fine (recheck, then daily fine)', art('WAT', 95), { kind: 'daily', of: 'originalFine' }),
  // [GD-A1] the AIR 99(2) table applies with a floor of 20 %.
  entry('PRM-34', '超过许可排放浓度、许可排放量排放污染物', 'Exceeding the permitted concentration or quantity', art('PRM', 34), range(200_000, 1_000_000), { decidedBy: UNSTATED, discretionTableId: 'GD-PRM-34', source: 'rules.md §4; [GD-A1]' }),
  entry('PRM-36', '未按规定开展自行监测、未报告异常数据或超标情况', 'Self-monitoring duties breached; abnormal data or exceedance not reported', art('PRM', 36), range(20_000, 200_000), { decidedBy: UNSTATED }),
  entry('PRM-37', '未按规定建立台账或提交执行报告（每次）', 'Ledger or execution-report faults (per instance)', art('PRM', 37), { kind: 'perInstance', min: 5_000, max: 20_000 }, { decidedBy: UNSTATED }),
  entry('EPL-59', '受到罚款处罚，被责令改正，拒不改正（按日连续处罚）', 'Refusing to correct after a fine (daily penalty)', art('EPL', 59), { kind: 'daily', of: 'originalFine' }, { source: 'rules.md §4; [DPM]' }),
  // Detention is decided by public security on the bureau's transfer; not a fine.
  entry('EPL-63', '篡改、伪造监测数据等逃避监管方式违法排放（移送行政拘留）', 'Data tampering and other evasion (transfer for detention)', art('EPL', 63), { kind: 'detention', days: { min: 10, max: 15 }, minorDays: { min: 5, max: 10 } }, { decidedBy: { authority: 'public_security', level: 'county_or_above' }, responsiblePost: TRANSFER_POST }),
  entry('CET-21', '重点排放单位未按规定制定数据质量控制方案等', 'Carbon-reporting process failures (quality plan, meters, reports)', art('CET', 21), range(50_000, 500_000), { decidedBy: UNSTATED, source: 'rules.md §6' }),
  entry('CET-22', '重点排放单位数据弄虚作假、存在重大缺陷或违规取样', 'Falsified carbon data, major defects or bad sampling (entity)', art('CET', 22), { kind: 'multiple', of: 'illegalGain', min: 5, max: 10, orRange: { min: 500_000, max: 2_000_000 } }, { decidedBy: UNSTATED, source: 'rules.md §6' }),
  entry('CET-22-PERSON', '重点排放单位数据弄虚作假的直接责任人员', 'Falsified carbon data (responsible individuals)', art('CET', 22), range(50_000, 200_000), { decidedBy: UNSTATED, source: 'rules.md §6' }),
  entry('CET-23-LAB', '检验检测机构出具虚假报告', 'False laboratory test report', art('CET', 23), { kind: 'multiple', of: 'illegalGain', min: 5, max: 10, orRange: { min: 20_000, max: 100_000 } }, { decidedBy: UNSTATED, source: 'rules.md §6' }),
  entry('CET-23-VERIFIER', '技术服务机构出具虚假核查报告或编制虚假排放报告', 'Verifier or report-compiler fraud', art('CET', 23), range(200_000, 1_000_000), { decidedBy: UNSTATED, source: 'rules.md §6' }),
];

export function findMatter(code: string, catalogue: readonly EnforcementMatter[] = MATTER_SEED): EnforcementMatter | undefined {
  return catalogue.find((m) => m.code === code);
}
