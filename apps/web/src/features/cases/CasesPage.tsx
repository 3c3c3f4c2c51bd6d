// The penalty cases of the user's region: number, party, matter, state, amount and the most urgent legal
// clock (coloured by status), filterable by state and to the overdue ones.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import { beijing, num } from '../../components/format.ts';
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

export function CasesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState('');
  const [overdue, setOverdue] = useState(false);
  const data = useAsync(() => api<CaseList>(`/api/cases${qs({ state, overdue: overdue ? 'true' : undefined, limit: 200 })}`), [state, overdue]);
  return (
    <div>
      <h1>{t('cases.title')}</h1>
      <details data-testid="open-case"><summary>{t('cases.open.title')}</summary><OpenCaseForm /></details>
      <div className="filters">
        <label>
          {t('cases.state')}{' '}
          <select value={state} onChange={(e) => setState(e.target.value)} data-testid="cases-state-filter">
            <option value="">{t('cases.allStates')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t(`cases.states.${s}`)}</option>)}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="cases-overdue" /> {t('cases.overdueOnly')}
        </label>
      </div>
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {data.data === undefined ? <Loading /> : data.data.items.length === 0 ? <p data-testid="cases-none">{t('cases.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="cases-table">
            <thead>
              <tr>
                <th scope="col">{t('cases.number')}</th><th scope="col">{t('points.enterprise')}</th><th scope="col">{t('cases.matter')}</th>
                <th scope="col">{t('cases.state')}</th><th scope="col">{t('cases.amount')}</th><th scope="col">{t('cases.clock')}</th><th scope="col">{t('cases.discovered')}</th>
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
                    <td>{c.amount === null ? '—' : num(c.amount, 0)}</td>
                    <td>{clock === undefined ? '—' : <ClockBadge clock={clock} />}</td>
                    <td>{beijing(c.discoveredAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
