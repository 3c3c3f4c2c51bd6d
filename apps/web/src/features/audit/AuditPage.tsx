// The audit trail (head, admin): paged, filtered by who, which action, which object and when, each row's
// change shown field by field, the filtered list exported, and machine ingestion (the meter feed's pushes)
// summarised per day instead of listed push by push. The hash-chain check on demand.
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { AuditFacets, AuditIngestDay, AuditRow, AuditVerifyResult, Page } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { auditChanges, labelOf } from './audit-labels.ts';

interface Filters { actorId: string; action: string; entity: string; entityId: string; from: string; to: string; machine: boolean }
const EMPTY: Filters = { actorId: '', action: '', entity: '', entityId: '', from: '', to: '', machine: false };

/** The query of the filters: dates are Beijing days, `to` inclusive (the API's `to` is exclusive). */
function query(f: Filters): Record<string, string | undefined> {
  const next = (d: string): string => new Date(Date.parse(`${d}T00:00:00+08:00`) + 86_400_000).toISOString();
  return {
    actorId: f.actorId || undefined, action: f.action || undefined, entity: f.entity || undefined, entityId: f.entityId.trim() || undefined,
    from: f.from === '' ? undefined : `${f.from}T00:00:00+08:00`, to: f.to === '' ? undefined : next(f.to), machine: f.machine ? 'include' : undefined,
  };
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const label = labelOf(t, i18n);
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [more, setMore] = useState<AuditRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const facets = useAsync(() => api<AuditFacets>('/api/audit/facets'), []);
  const list = useAsync(async () => {
    const r = await api<Page<AuditRow>>(`/api/audit${qs({ ...query(filters), limit: 50 })}`);
    setMore([]);
    setCursor(r.nextCursor);
    return r;
  }, [filters]);
  const ingest = useAsync(() => api<{ items: AuditIngestDay[] }>(`/api/audit/ingest${qs({ from: query(filters).from, to: query(filters).to })}`), [filters]);
  const [check, setCheck] = useState<string>();
  async function verify(): Promise<void> {
    const r = await api<AuditVerifyResult>('/api/audit/verify');
    setCheck(r.ok ? t('audit.intact', { rows: r.rows, head: r.headSeq }) : t('audit.broken', { seq: r.seq, problem: t(`audit.problems.${r.problem}`), detail: r.detail }));
  }
  async function loadMore(): Promise<void> {
    if (cursor === null) return;
    const r = await api<Page<AuditRow>>(`/api/audit${qs({ ...query(filters), limit: 50, cursor })}`);
    setMore((m) => [...m, ...r.items]);
    setCursor(r.nextCursor);
  }
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [k]: e.target.value });
  const rows = [...(list.data?.items ?? []), ...more];
  const exportHref = (format: 'csv' | 'xlsx'): string => `/api/audit${qs({ ...query(filters), format })}`;
  const who = (r: AuditRow): string => (r.actorKind === 'user' ? (r.actorDisplayName ?? r.actorName) : r.actorKind === 'token' ? t('audit.token', { name: r.actorName }) : t('audit.system'));
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); setFilters(draft); }} data-testid="audit-filters">
        <label>{t('audit.actor')}
          <select value={draft.actorId} onChange={set('actorId')} data-testid="audit-actor">
            <option value="">{t('audit.anyone')}</option>
            {facets.data?.actors.map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
          </select>
        </label>
        <label>{t('audit.action')}
          <select value={draft.action} onChange={set('action')} data-testid="audit-action">
            <option value="">{t('audit.anyAction')}</option>
            {facets.data?.actions.filter((a) => a !== 'ingest').map((a) => <option key={a} value={a}>{label.action(a)}</option>)}
          </select>
        </label>
        <label>{t('audit.entity')}
          <select value={draft.entity} onChange={set('entity')} data-testid="audit-entity">
            <option value="">{t('audit.anyEntity')}</option>
            {facets.data?.entities.map((e) => <option key={e} value={e}>{label.entity(e)}</option>)}
          </select>
        </label>
        <label>{t('audit.entityId')}<input value={draft.entityId} onChange={set('entityId')} size={8} data-testid="audit-entity-id" /></label>
        <label>{t('audit.from')}<input type="date" value={draft.from} onChange={set('from')} data-testid="audit-from" /></label>
        <label>{t('audit.to')}<input type="date" value={draft.to} onChange={set('to')} data-testid="audit-to" /></label>
        <label className="check"><input type="checkbox" checked={draft.machine} onChange={(e) => setDraft({ ...draft, machine: e.target.checked })} data-testid="audit-machine" />{t('audit.includeMachine')}</label>
        <button type="submit" className="primary" data-testid="audit-apply">{t('audit.apply')}</button>
        <button type="button" onClick={() => { setDraft(EMPTY); setFilters(EMPTY); }}>{t('audit.clear')}</button>
      </form>
      <div className="filters">
        <a className="button" href={exportHref('xlsx')} download data-testid="audit-xlsx">{t('audit.exportXlsx')}</a>
        <a className="button" href={exportHref('csv')} download data-testid="audit-csv">{t('audit.exportCsv')}</a>
        <button type="button" onClick={() => void verify()} data-testid="audit-verify">{t('audit.verify')}</button>
      </div>
      {check !== undefined && <p role="status" data-testid="audit-result">{check}</p>}
      {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
      {list.data === undefined && list.error === undefined ? <Loading /> : (
        <div className="table-wrap">
          <table data-testid="audit-table">
            <thead><tr><th scope="col">{t('audit.seq')}</th><th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.object')}</th><th scope="col">{t('audit.change')}</th></tr></thead>
            <tbody>
              {rows.length === 0 && <tr><td colSpan={6}>{t('audit.none')}</td></tr>}
              {rows.map((r) => (
                <Fragment key={r.seq}>
                  <tr data-testid="audit-row" data-seq={r.seq}>
                    <td>{r.seq}</td><td>{beijing(r.at)}</td><td>{who(r)}{r.ip === null ? '' : `（${r.ip}）`}</td><td>{label.action(r.action)}</td>
                    <td>{label.entity(r.entity)} {r.entityId}</td>
                    <td>{r.changes === null ? '—' : <button type="button" className="link" onClick={() => setOpen(open === r.seq ? null : r.seq)} aria-expanded={open === r.seq} data-testid="audit-show-change">{open === r.seq ? t('audit.hideChange') : t('audit.showChange')}</button>}</td>
                  </tr>
                  {open === r.seq && r.changes !== null && (
                    <tr data-testid="audit-change">
                      <td colSpan={6}>
                        <table>
                          <thead><tr><th scope="col">{t('audit.field')}</th><th scope="col">{t('audit.before')}</th><th scope="col">{t('audit.after')}</th></tr></thead>
                          <tbody>{auditChanges(r.changes).map((c) => <tr key={c.field}><td>{label.field(c.field)}</td><td className="wrap">{label.value(c.field, c.before)}</td><td className="wrap">{label.value(c.field, c.after)}</td></tr>)}</tbody>
                        </table>
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
          {cursor !== null && <button type="button" onClick={() => void loadMore()} data-testid="audit-more">{t('audit.more')}</button>}
        </div>
      )}
      <Section title={t('audit.ingestTitle')} testId="audit-ingest">
        <p className="muted">{t('audit.ingestNote')}</p>
        {ingest.data === undefined ? <Loading /> : ingest.data.items.length === 0 ? <p>{t('audit.noIngest')}</p> : (
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t('audit.day')}</th><th scope="col">{t('audit.source')}</th><th scope="col">{t('audit.pushes')}</th><th scope="col">{t('audit.span')}</th></tr></thead>
              <tbody>{ingest.data.items.map((d) => <tr key={`${d.day}-${d.source}`} data-testid="audit-ingest-day"><td>{d.day}</td><td>{t('audit.token', { name: d.source })}</td><td>{d.pushes}</td><td>{beijing(d.first)} – {beijing(d.last)}</td></tr>)}</tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
