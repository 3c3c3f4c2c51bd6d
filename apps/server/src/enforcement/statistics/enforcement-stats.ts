// Enforcement statistics (issue 5 §10): cases opened and decided, fines, exemptions, transfers to the
// police, rectification orders and their rate, daily penalties, for the caller's region and a period, grouped
// by the next region level, matter, industry or month. Each cell carries the list request that shows what it
// counts (DESIGN.md §7): GET /api/cases with case-trace.ts's filters for case figures, the rectification list
// for rectification figures. The SQL is in stats-queries.ts; this file names, labels and links the rows.
import type { Kysely } from 'kysely';
import type { EnforcementStats, Measure, StatsCell, StatsGroupBy, StatsLink, StatsPeriod } from '@ecoenforce/contract';
import { regionLevel } from '@ecoenforce/domain';
import type { Schema } from '../../platform/db/schema.ts';
import { INDUSTRY_ZH, zhOf } from '../../platform/export-labels.ts';
import type { Scope } from '../../access/index.ts';
import { CASE_MEASURE_ACTIONS, NO_INDUSTRY, traceParams, type CaseMeasure, type CaseTrace } from '../cases/case-trace.ts';
import { periodMonths, type PeriodMonth } from './stats-period.ts';
import { caseCounts, dailyPenaltyCounts, optionalTables, rectificationCounts, type KeyedCounts, type KeySpec } from './stats-queries.ts';

export const MEASURES = [
  'opened', 'decided', 'fined', 'fineAmount', 'exempted', 'noPenalty', 'waived', 'transferProposed', 'transferSent', 'transferAccepted',
  'rectOrdered', 'rectClosed', 'rectCorrected', 'rectRate', 'rectOnTime', 'rectLate', 'dailyPenaltyRounds', 'dailyPenaltyAmount',
] as const satisfies readonly Measure[];

/** The region one level below the caller's that a case's region rolls up to (the region itself at county level). */
export function childRegion(code: string, scopeRegion: string): string {
  return regionLevel(scopeRegion) === 'province' ? `${code.slice(0, 4)}00` : code;
}

/** The filters of one row: its slice of the period (month rows) and its region, matter or industry. */
interface RowFilter {
  period: StatsPeriod;
  region?: string;
  matter?: string;
  industry?: string;
}

const CASE_LIST = '/api/cases';
/** The rectification list (services/rectifications, issue 5 §7) with the same filters; `by` names the date. */
const RECTIFICATION_LIST = '/api/rectifications';

function caseLink(actions: CaseTrace['actions'], f: RowFilter): StatsLink {
  return { path: CASE_LIST, query: traceParams({ actions, ...f }) };
}

function rectLink(by: 'ordered' | 'closed' | 'reinspected', f: RowFilter, extra: Record<string, string> = {}): StatsLink {
  return {
    path: RECTIFICATION_LIST,
    query: { by, from: f.period.from, to: f.period.to, ...(f.region ? { region: f.region } : {}), ...(f.matter ? { matter: f.matter } : {}), ...(f.industry ? { industry: f.industry } : {}), ...extra },
  };
}

function cellsOf(c: Record<string, number>, f: RowFilter, available: EnforcementStats['available']): Record<Measure, StatsCell> {
  const cases = (m: CaseMeasure): StatsCell => ({ value: c[m] ?? 0, link: caseLink(CASE_MEASURE_ACTIONS[m], f) });
  const rect = (v: number | null, by: 'ordered' | 'closed', extra?: Record<string, string>): StatsCell =>
    available.rectifications ? { value: v, link: rectLink(by, f, extra) } : { value: null, link: null };
  const daily = (v: number): StatsCell => (available.dailyPenalties ? { value: v, link: rectLink('reinspected', f, { dailyPenalty: 'true' }) } : { value: null, link: null });
  const closed = c.rectClosed ?? 0;
  return {
    opened: cases('opened'), decided: cases('decided'), fined: cases('fined'),
    fineAmount: { value: c.fineAmount ?? 0, link: caseLink(CASE_MEASURE_ACTIONS.fined, f) },
    exempted: cases('exempted'), noPenalty: cases('noPenalty'), waived: cases('waived'), transferProposed: cases('transferProposed'), transferSent: cases('transferSent'), transferAccepted: cases('transferAccepted'),
    rectOrdered: rect(c.rectOrdered ?? 0, 'ordered'),
    rectClosed: rect(closed, 'closed', { status: 'corrected,not_corrected' }),
    rectCorrected: rect(c.rectCorrected ?? 0, 'closed', { status: 'corrected' }),
    // Corrected ÷ orders closed (judged at re-inspection) in the period.
    rectRate: rect(closed === 0 ? null : (c.rectCorrected ?? 0) / closed, 'closed', { status: 'corrected,not_corrected' }),
    rectOnTime: rect(c.rectOnTime ?? 0, 'closed', { status: 'corrected', onTime: 'true' }),
    rectLate: rect(c.rectLate ?? 0, 'closed', { status: 'corrected', onTime: 'false' }),
    dailyPenaltyRounds: daily(c.dailyPenaltyRounds ?? 0),
    dailyPenaltyAmount: daily(c.dailyPenaltyAmount ?? 0),
  };
}

/** The three sources merged by key, region codes rolled up to the child region (sums: the groups are disjoint). */
function merge(sources: KeyedCounts[], fold: (key: string) => string): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const src of sources) {
    for (const [raw, counts] of src) {
      const key = fold(raw);
      const acc = out.get(key) ?? {};
      for (const [m, v] of Object.entries(counts)) acc[m] = (acc[m] ?? 0) + v;
      out.set(key, acc);
    }
  }
  return out;
}

async function collect(db: Kysely<Schema>, scope: Scope, spec: KeySpec, available: EnforcementStats['available']): Promise<KeyedCounts[]> {
  return Promise.all([
    caseCounts(db, scope, spec),
    available.rectifications ? rectificationCounts(db, scope, spec) : new Map(),
    available.dailyPenalties ? dailyPenaltyCounts(db, scope, spec) : new Map(),
  ]);
}

async function regionRows(db: Kysely<Schema>, scopeRegion: string, keys: Iterable<string>): Promise<Array<{ key: string; label: string }>> {
  // Every child region, even those with nothing to count, so a chart shows the zeros too.
  const children = regionLevel(scopeRegion) === 'county' ? [] : await db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', scopeRegion).execute();
  const codes = new Set([...children.map((r) => r.code), ...keys]);
  const names = codes.size === 0 ? [] : await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', [...codes]).execute();
  const nameOf = new Map(names.map((r) => [r.code, r.name]));
  return [...codes].sort().map((code) => ({ key: code, label: nameOf.get(code) ?? code }));
}

async function matterRows(db: Kysely<Schema>, keys: string[]): Promise<Array<{ key: string; label: string }>> {
  const versions = keys.length === 0 ? [] : await db.selectFrom('enforcement_matters').select(['code', 'version', 'body']).where('code', 'in', keys).orderBy('version').execute();
  const nameOf = new Map<string, string>();
  for (const v of versions) {
    const name = (JSON.parse(v.body) as { name?: { zh?: string } }).name?.zh;
    if (name !== undefined) nameOf.set(v.code, name);
  }
  // '': rectification orders made without a case (no matter).
  return keys.sort().map((k) => ({ key: k === '' ? 'none' : k, label: k === '' ? '—' : `${k} ${nameOf.get(k) ?? ''}`.trim() }));
}

async function industryRows(db: Kysely<Schema>, keys: string[]): Promise<Array<{ key: string; label: string }>> {
  const codes = keys.filter((k) => k !== '');
  const names = codes.length === 0 ? [] : await db.selectFrom('enterprises').select((eb) => ['industry_code', eb.fn.min('industry').as('name')]).where('industry_code', 'in', codes).groupBy('industry_code').execute();
  const nameOf = new Map(names.map((r) => [r.industry_code ?? '', String(r.name)]));
  return keys.sort().map((k) => (k === '' ? { key: NO_INDUSTRY, label: '—' } : { key: k, label: `${k} ${nameOf.get(k) ?? ''}`.trim() }));
}

function filterOf(groupBy: StatsGroupBy, key: string, period: StatsPeriod, months: readonly PeriodMonth[]): RowFilter {
  switch (groupBy) {
    case 'region':
      return { period, region: key };
    // Rectifications without a case have no matter: their row 'none' links to matter=none, which the
    // rectification list reads as "no case" (and the case list as no case at all: every case has a matter).
    case 'matter':
      return { period, matter: key };
    case 'industry':
      return { period, industry: key };
    case 'month': {
      const m = months.find((x) => x.month === key);
      return { period: m ? { from: m.from, to: m.to, fromAt: m.fromAt, toAt: m.toAt } : period };
    }
  }
}

/**
 * The statistics of the caller's region (`scope`, whose own region is `scopeRegion`) in `period`, grouped by
 * `groupBy`, with a total computed by its own query (not by adding rows: a case whose transfer was proposed in
 * two months is one case of the period).
 */
export async function enforcementStats(db: Kysely<Schema>, scope: Scope, scopeRegion: string, period: StatsPeriod, groupBy: StatsGroupBy): Promise<EnforcementStats> {
  const available = await optionalTables(db);
  const months = periodMonths(period);
  const spec: KeySpec = { key: groupBy, period, months };
  const [grouped, totals, region] = await Promise.all([
    collect(db, scope, spec, available),
    collect(db, scope, { ...spec, key: 'none' }, available),
    db.selectFrom('regions').select(['code', 'name']).where('code', '=', scopeRegion).executeTakeFirst(),
  ]);
  const fold = groupBy === 'region' ? (k: string) => childRegion(k, scopeRegion) : (k: string) => k;
  const byKey = merge(grouped, fold);
  const keys = [...byKey.keys()];
  const heads =
    groupBy === 'region' ? await regionRows(db, scopeRegion, keys)
    : groupBy === 'matter' ? await matterRows(db, keys)
    : groupBy === 'industry' ? await industryRows(db, keys)
    : months.map((m) => ({ key: m.month, label: m.month }));
  const rawKey = (key: string): string => ((groupBy === 'matter' && key === 'none') || (groupBy === 'industry' && key === NO_INDUSTRY) ? '' : key);
  const rows = heads.map((h) => ({ key: h.key, label: h.label, cells: cellsOf(byKey.get(rawKey(h.key)) ?? {}, filterOf(groupBy, h.key, period, months), available) }));
  const total = { key: 'total', label: region?.name ?? scopeRegion, cells: cellsOf(merge(totals, (k) => k).get('') ?? {}, { period }, available) };
  return { period, groupBy, region: { code: scopeRegion, name: region?.name ?? scopeRegion }, available, rows, total };
}

/** Columns of the XLSX export: the row by its Chinese name, then each measure (units in the header, as the console). */
export const STATS_COLUMNS: ReadonlyArray<{ key: string; header: string }> = [
  { key: 'label', header: '名称' },
  { key: 'opened', header: '立案数' },
  { key: 'decided', header: '作出决定' },
  { key: 'fined', header: '罚款决定' },
  { key: 'fineAmount', header: '罚款金额（元）' },
  { key: 'exempted', header: '不予处罚' },
  { key: 'noPenalty', header: '依法不予处罚' },
  { key: 'waived', header: '首违可不罚' },
  { key: 'transferProposed', header: '提请移送' },
  { key: 'transferSent', header: '移送公安' },
  { key: 'transferAccepted', header: '公安立案' },
  { key: 'rectOrdered', header: '责令整改' },
  { key: 'rectClosed', header: '整改办结' },
  { key: 'rectCorrected', header: '整改到位' },
  { key: 'rectRate', header: '整改率' },
  { key: 'rectOnTime', header: '按期整改' },
  { key: 'rectLate', header: '逾期整改' },
  { key: 'dailyPenaltyRounds', header: '按日计罚次数' },
  { key: 'dailyPenaltyAmount', header: '按日计罚金额（元）' },
];

/** One flat record per row (and the total last) for the XLSX export: the same numbers as the JSON. */
export function statsTable(s: EnforcementStats): Array<Record<string, unknown>> {
  // A matter's or industry's label leads with its code ('AIR-99-2 名称'): the sheet keeps the name only; the
  // rows without a matter or industry ('—') are named; the total is the region's total.
  const named = (r: { key: string; label: string }): string => {
    if (r === s.total) return `${s.region.name}合计`;
    if (r.label === '—') return s.groupBy === 'matter' ? '未关联案件的整改' : '行业未登记';
    if (s.groupBy === 'month') return r.label.replace(/^(\d{4})-(\d{2})$/, (_m, y: string, m: string) => `${y}年${Number(m)}月`);
    const name = r.label.startsWith(`${r.key} `) ? r.label.slice(r.key.length + 1) : r.label;
    return s.groupBy === 'industry' ? zhOf(INDUSTRY_ZH, name) : name;
  };
  return [...s.rows, s.total].map((r) => {
    const out: Record<string, unknown> = { label: named(r) };
    for (const m of MEASURES) out[m] = r.cells[m].value;
    return out;
  });
}
