// The case list as a table (issue 14): the filtered cases in the list's order, with Chinese headers and values
// as the console shows them (the state by name, the matter by its name at the version the case pinned, times
// in Beijing time), for GET /api/cases?format=xlsx|csv.
import type { Kysely } from 'kysely';
import type { EnforcementMatter } from '@ecoenforce/domain';
import type { CaseSummary } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';

/** The states by the names the console gives them (apps/web/src/i18n/zh.ts cases.states). */
export const CASE_STATE_ZH: Record<string, string> = {
  discovered: '已发现', filed: '已立案', investigating: '调查取证', advance_notice: '已事先告知', hearing: '听证', legal_review: '法制审核',
  collective_discussion: '集体讨论', decided: '已作出决定', served: '已送达', paid: '已缴款', executed: '强制执行', no_penalty: '不予处罚',
  transfer_review: '提请移送', transfer_approved: '已批准移送', transferred: '已移送公安', closed: '已结案',
};

export const CASE_EXPORT_COLUMNS = [
  { key: 'number', header: '案件编号' }, { key: 'enterpriseName', header: '当事人' }, { key: 'matter', header: '违法事项' }, { key: 'cause', header: '案由' },
  { key: 'state', header: '办理状态' }, { key: 'discovered', header: '发现时间' }, { key: 'filed', header: '立案时间' }, { key: 'decided', header: '决定时间' },
  { key: 'closed', header: '结案时间' }, { key: 'amount', header: '罚款金额（元）' }, { key: 'major', header: '重大案件' }, { key: 'overdue', header: '期限状况' },
];

const BEIJING_MS = 8 * 3_600_000;
const beijingTime = (t: number | null): string => (t === null ? '' : new Date(t + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' '));

/** The export's rows: one per case, keyed by CASE_EXPORT_COLUMNS. */
export async function caseExportRows(db: Kysely<Schema>, cases: ReadonlyArray<CaseSummary & { cause: string | null }>): Promise<Array<Record<string, unknown>>> {
  const codes = [...new Set(cases.map((c) => c.matterCode))];
  const matters = codes.length === 0 ? [] : await db.selectFrom('enforcement_matters').select(['code', 'version', 'body']).where('code', 'in', codes).execute();
  const names = new Map(matters.map((m) => [`${m.code}@${Number(m.version)}`, (JSON.parse(m.body) as EnforcementMatter).name.zh]));
  return cases.map((c) => ({
    number: c.number, enterpriseName: c.enterpriseName, matter: names.get(`${c.matterCode}@${c.matterVersion}`) ?? c.matterCode, cause: c.cause ?? '',
    state: CASE_STATE_ZH[c.state] ?? c.state, discovered: beijingTime(c.discoveredAt), filed: beijingTime(c.filedAt), decided: beijingTime(c.decidedAt),
    closed: beijingTime(c.closedAt), amount: c.amount, major: c.major ? '是' : '否', overdue: c.overdue ? '已超期' : c.state === 'closed' ? '已结案' : '期限内',
  }));
}
