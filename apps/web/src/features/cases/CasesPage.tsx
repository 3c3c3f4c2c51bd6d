// The penalty cases of the user's region: number, party, matter, state, amount and the most urgent legal
// clock (coloured by status), filterable by state and to the overdue ones, searched (name, number, 案由) and
// bounded by filing date, sorted by a column header, paged, exported; the filters live in the URL (issue 14).
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import { beijing, num } from '../../components/format.ts';
import { LIST_PARAMS, ListSearch, Pager, SortHeader, useListParams } from '../lists/ListControls.tsx';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { ClockBadge } from './CasePage.tsx';
import { OpenCaseForm } from './OpenCaseForm.tsx';
import type { CaseClock, CaseList } from '@ecoenforce/contract';

const STATES = ['discovered', 'filed', 'investigating', 'advance_notice', 'hearing', 'legal_review', 'collective_discussion', 'decided', 'served', 'paid', 'executed', 'no_penalty', 'transfer_review', 'transfer_approved', 'transferred', 'closed'];

/** The clock to show in a list: an overdue or running one first, the latest otherwise. */
function mainClock(clocks: CaseClock[]): CaseClock | undefined {
  const rank = { overdue: 0, due_soon: 1, ok: 2, done_late: 3, done: 4 } as const;
  return [...clocks].sort((a, b) => rank[a.status] - rank[b.status])[0];
}

/** Cases a page: 上一页/下一页 walk the list by this many. */
export const CASES_PAGE_SIZE = 20;
/** The filters kept in the URL besides the search, dates and sort. */
const FILTERS = ['state', 'overdue', ...LIST_PARAMS] as const;

/** 'YYYY-MM-DD' in Beijing time. */
const beijingDay = (ms: number): string => beijing(ms).slice(0, 10);

/**
 * Every filter comes from the hash query (#/cases?state=filed from a figure of the command centre, or a shared
 * link), which this page also writes; `_props.query` is the same query as the router reads it.
 */
export function CasesPage(_props: { query?: URLSearchParams } = {}) {
  const { t } = useTranslation();
  const params = useListParams();
  const state = params.get('state');
  const overdue = params.get('overdue') === 'true';
  const query = params.query(FILTERS, CASES_PAGE_SIZE);
  const key = JSON.stringify(query);
  const data = useAsync(() => api<CaseList>(`/api/cases${qs(query)}`), [key]);
  const { limit: _limit, offset: _offset, ...filtered } = query;
  const header = (sortKey: string, label: string, first: 'asc' | 'desc' = 'asc') => <SortHeader params={params} sortKey={sortKey} first={first} testId="cases">{label}</SortHeader>;
  return (
    <div>
      <h1>{t('cases.title')}</h1>
      <details data-testid="open-case"><summary>{t('cases.open.title')}</summary><OpenCaseForm /></details>
      <ListSearch params={params} placeholder={t('lists.casesSearch')} datesHint={t('lists.casesDatesHint')} testId="cases">
        <label>
          {t('cases.state')}{' '}
          <select value={state} onChange={(e) => params.set({ state: e.target.value })} data-testid="cases-state-filter">
            <option value="">{t('cases.allStates')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t(`cases.states.${s}`)}</option>)}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => params.set({ overdue: e.target.checked ? 'true' : undefined })} data-testid="cases-overdue" /> {t('cases.overdueOnly')}
        </label>
        <a className="button" href={`/api/cases${qs({ ...filtered, format: 'xlsx' })}`} download data-testid="cases-export-xlsx">{t('lists.exportXlsx')}</a>
        <a className="button" href={`/api/cases${qs({ ...filtered, format: 'csv' })}`} download data-testid="cases-export-csv">{t('lists.exportCsv')}</a>
      </ListSearch>
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {data.data === undefined ? <Loading /> : data.data.items.length === 0 ? <p data-testid="cases-none">{t('cases.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="cases-table" aria-busy={data.loading}>
            <thead>
              <tr>
                {header('number', t('cases.number'))}{header('enterprise', t('points.enterprise'))}<th scope="col">{t('cases.matter')}</th>
                {header('state', t('cases.state'))}{header('amount', t('cases.amount'), 'desc')}<th scope="col">{t('cases.clock')}</th>
                {header('date', t('lists.filed'), 'desc')}{header('discovered', t('cases.discovered'), 'desc')}
              </tr>
            </thead>
            <tbody>
              {data.data.items.map((c) => {
                const clock = mainClock(c.clocks);
                return (
                  <tr key={c.id} data-testid="case-row" data-case={c.id}>
                    <td><a href={`#/cases/${c.id}`}>{c.number}</a></td>
                    <td><a href={`#/enterprises/${c.enterpriseId}`}>{c.enterpriseName}</a></td>
                    <td>{c.matterCode}</td>
                    <td>{t(`cases.states.${c.state}`)}</td>
                    <td data-testid="case-amount">{c.amount === null ? '—' : num(c.amount, 0)}</td>
                    <td>{clock === undefined ? '—' : <ClockBadge clock={clock} />}</td>
                    <td data-testid="case-filed">{c.filedAt === null ? t('lists.notFiled') : beijingDay(c.filedAt)}</td>
                    <td>{beijing(c.discoveredAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data.data !== undefined && <Pager params={params} total={data.data.total} size={CASES_PAGE_SIZE} testId="cases" />}
    </div>
  );
}
