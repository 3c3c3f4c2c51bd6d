// Rectification (整改): for an enterprise user "My rectifications" — its orders with the deadline clock and
// the proof upload; for bureau staff the region's orders, filtered by the hash route's query (the statistics'
// figures link here, ListFilters.tsx) and, on one order, the outcome of the re-inspection (officers) or a
// production measure and the withdrawal (the head, HeadForms.tsx). One order shows its proofs, measures and
// the daily-penalty rounds of its chain.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { useClockRule } from '../../components/ClockRule.tsx';
import { beijing, num } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { CaseClock, RectificationDetail, RectificationList, RectificationSummary, RoundView } from '@ecoenforce/contract';
import { CLOCK_COLOUR } from '../cases/types.ts';
import { CancelForm, MeasureForm } from './HeadForms.tsx';
import { ActiveFilters, filtersOf, listHash } from './ListFilters.tsx';
import { OutcomeForm } from './OutcomeForm.tsx';
import { ProofForm } from './ProofForm.tsx';
import { RECTIFICATION_STATUSES } from './types.ts';

export function RectificationClock({ clock }: { clock: CaseClock }) {
  const { t } = useTranslation();
  const rule = useClockRule(clock);
  return (
    <span className="badge" style={{ background: CLOCK_COLOUR[clock.status], color: '#fff' }} data-testid="rectification-clock" data-clock={clock.status} title={rule}>
      {t(`rectification.clocks.${clock.id}`, { defaultValue: clock.id })} · {t(`dispatch.clock.${clock.status}`)} · {clock.deadline.lastDay}
    </span>
  );
}

export function RoundsTable({ rounds }: { rounds: RoundView[] }) {
  const { t } = useTranslation();
  if (rounds.length === 0) return <p className="muted">{t('rectification.noRounds')}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="rectification-rounds">
        <thead><tr><th scope="col">{t('rectification.round')}</th><th scope="col">{t('rectification.servedAt')}</th><th scope="col">{t('rectification.reinspectedAt')}</th><th scope="col">{t('rectification.days')}</th><th scope="col">{t('rectification.amount')}</th><th scope="col">{t('rectification.explanation')}</th></tr></thead>
        <tbody>
          {rounds.map((r) => (
            <tr key={r.id}>
              <td>{r.round}</td><td>{beijing(r.servedAt)}</td><td>{beijing(r.reinspectedAt)}</td><td>{r.days}</td><td>{num(r.amount, 0)}</td>
              <td>{r.explanation.text} <span className="muted">[{r.explanation.source}]</span></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function List({ enterprise, query }: { enterprise: boolean; query: URLSearchParams | undefined }) {
  const { t } = useTranslation();
  const filters = filtersOf(query);
  const key = JSON.stringify(filters);
  // Further pages, each after the cursor of the one before; dropped when the filters change.
  type More = { key: string; items: RectificationSummary[]; cursor: string | null } | null;
  const [more, setMore] = useState<More>(null);
  const data = useAsync(() => api<RectificationList>(`/api/rectifications${qs({ ...filters, limit: 200 })}`), [key]);
  const extra = more?.key === key ? more : null;
  const next = extra === null ? (data.data?.nextCursor ?? null) : extra.cursor;
  const [moreError, setMoreError] = useState<Error>();
  const loadMore = (): void => {
    if (next === null) return;
    void api<RectificationList>(`/api/rectifications${qs({ ...filters, limit: 200, cursor: next })}`).then(
      (p) => { setMoreError(undefined); setMore({ key, items: [...(extra?.items ?? []), ...p.items], cursor: p.nextCursor }); },
      (e: unknown) => setMoreError(e instanceof Error ? e : new Error(String(e))),
    );
  };
  // A refused filter (400) shows its error, not the rows of the filters before it.
  const items = data.data === undefined || data.error !== undefined ? undefined : [...data.data.items, ...(extra?.items ?? [])];
  return (
    <div>
      <h1>{enterprise ? t('rectification.mine') : t('rectification.title')}</h1>
      <label>
        {t('rectification.status')}{' '}
        <select value={filters.status ?? ''} onChange={(e) => { location.hash = listHash({ ...filters, status: e.target.value || undefined }); }} data-testid="rectification-status-filter">
          <option value="">{t('rectification.allStatuses')}</option>
          {filters.status?.includes(',') && <option value={filters.status}>{filters.status.split(',').map((s) => t(`rectification.statuses.${s}`, { defaultValue: s })).join(', ')}</option>}
          {RECTIFICATION_STATUSES.map((s) => <option key={s} value={s}>{t(`rectification.statuses.${s}`)}</option>)}
        </select>
      </label>
      <ActiveFilters filters={filters} names={{ enterpriseId: items?.[0]?.enterpriseName, caseId: items?.[0]?.caseNumber ?? undefined }} />
      {data.error !== undefined && <Failed error={data.error} retry={data.reload} />}
      {items === undefined ? (data.error === undefined ? <Loading /> : null) : items.length === 0 ? <p data-testid="rectification-none">{t('rectification.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="rectification-list">
            <thead><tr><th scope="col">#</th>{!enterprise && <th scope="col">{t('rectification.enterprise')}</th>}<th scope="col">{t('rectification.requirement')}</th><th scope="col">{t('rectification.status')}</th><th scope="col">{t('rectification.clock')}</th></tr></thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="rectification-row">
                  <td><a href={`#/rectifications/${r.id}`}>{r.id}</a>{r.round > 1 ? ` (${t('rectification.roundN', { n: r.round })})` : ''}</td>
                  {!enterprise && <td>{r.enterpriseName}{r.caseNumber ? ` · ${r.caseNumber}` : ''}</td>}
                  <td>{r.requirement}</td>
                  <td>{t(`rectification.statuses.${r.status}`)}</td>
                  <td>{r.clocks.map((k) => <span key={k.id}><RectificationClock clock={k} />{' '}</span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="rectification-count">{t('rectification.shown', { n: items.length })}</p>
          {next !== null && <button type="button" onClick={loadMore} data-testid="rectification-more">{t('rectification.more')}</button>}
          {moreError !== undefined && <Failed error={moreError} retry={loadMore} />}
        </div>
      )}
    </div>
  );
}

function Detail({ id, role }: { id: number; role: Role }) {
  const { t } = useTranslation();
  const data = useAsync(() => api<RectificationDetail>(`/api/rectifications/${id}`), [id]);
  const r = data.data;
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (r === undefined) return <Loading />;
  const open = r.status === 'open' || r.status === 'proof_submitted' || r.status === 'reinspecting';
  // cases.work on the server (access.ts): the officer and the dispatcher record the re-inspection;
  // cases.decide: the head orders a production measure and withdraws an order.
  const records = role === 'officer' || role === 'dispatcher';
  const decides = role === 'head';
  return (
    <div>
      <p><a href="#/rectifications">{role === 'enterprise' ? t('rectification.mine') : t('rectification.title')}</a></p>
      <h1 data-testid="rectification-title">{t('rectification.order', { id: r.id })}{r.round > 1 ? ` · ${t('rectification.roundN', { n: r.round })}` : ''}</h1>
      <p>
        {r.enterpriseName}{r.caseId !== null && <> · <a href={`#/cases/${r.caseId}`}>{r.caseNumber}</a></>} · <strong data-testid="rectification-status">{t(`rectification.statuses.${r.status}`)}</strong>
      </p>
      <p>{r.requirement}</p>
      <p>{t('rectification.orderedAt')}: {beijing(r.orderedAt)} · {t('rectification.deadline')}: {beijing(r.deadlineAt - 1)}</p>
      <Section title={t('rectification.clock')} testId="rectification-clocks">
        {r.clocks.length === 0 ? <p>—</p> : <p>{r.clocks.map((k) => <span key={k.id}><RectificationClock clock={k} />{' '}</span>)}</p>}
      </Section>
      <Section title={t('rectification.proofs')} testId="rectification-proofs">
        {r.proofs.length === 0 ? <p className="muted">—</p> : (
          <ul>{r.proofs.map((p) => (
            <li key={p.id}>{beijing(p.at)} · {p.text}
              <ul className="plain">{p.files.map((f) => <li key={f.id}><a href={`/api/rectifications/${r.id}/files/${f.id}`}>{f.name}</a> · {f.size} B · <code title={f.sha256}>{f.sha256.slice(0, 16)}…</code></li>)}</ul>
            </li>
          ))}</ul>
        )}
        {role === 'enterprise' && open && r.status !== 'reinspecting' && <ProofForm id={r.id} onDone={data.reload} />}
      </Section>
      {r.reinspection !== null && <Section title={t('rectification.reinspection')}><p data-testid="rectification-reinspection">{beijing(r.reinspection.at)} · {r.reinspection.officerNames.join('、')}{r.reinspection.findings === '' ? '' : ` · ${r.reinspection.findings}`}</p></Section>}
      {records && open && <Section title={t('rectification.outcome')}><OutcomeForm id={r.id} onDone={data.reload} /></Section>}
      {(r.measures.length > 0 || decides) && (
        <Section title={t('rectification.measures')} testId="rectification-measures">
          {r.measures.length > 0 && <ul>{r.measures.map((m) => <li key={m.id} data-testid="rectification-measure">{beijing(m.at)} · {t(`rectification.measureKinds.${m.kind}`, { defaultValue: m.kind })} · {m.note}</li>)}</ul>}
          {decides && <MeasureForm id={r.id} onDone={data.reload} />}
        </Section>
      )}
      {r.cancelReason !== null && <p data-testid="rectification-cancel-reason-shown">{t('rectification.cancelReason')}: {r.cancelReason}</p>}
      {decides && open && <Section title={t('rectification.cancel')} testId="rectification-cancel"><CancelForm id={r.id} onDone={data.reload} /></Section>}
      <Section title={t('rectification.rounds')} testId="rectification-chain">
        <p>{r.chain.map((c) => <span key={c.id}><a href={`#/rectifications/${c.id}`}>{t('rectification.roundN', { n: c.round })}</a> {t(`rectification.statuses.${c.status}`)}{' · '}</span>)}</p>
        <RoundsTable rounds={r.rounds} />
      </Section>
    </div>
  );
}

export function RectificationPage({ role, id, query }: { role: Role; id: number | null; query?: URLSearchParams }) {
  return id === null ? <List enterprise={role === 'enterprise'} query={query} /> : <Detail key={id} id={id} role={role} />;
}
