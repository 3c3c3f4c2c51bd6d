// One penalty case: its state and legal clocks (coloured by status), the actions the caller may take now
// with their inputs, the fine with its explanation (each factor, level, weight and source; each step with
// its article), the criminal flags, the duty record and the documents.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { beijing, num } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { ActionForm } from './ActionForm.tsx';
import { CaseRectifications } from '../rectification/CaseRectifications.tsx';
import { CLOCK_COLOUR, type CaseClock, type CaseDetail, type CaseFine } from './types.ts';

export function ClockBadge({ clock }: { clock: CaseClock }) {
  const { t } = useTranslation();
  return (
    <span className="badge" style={{ background: CLOCK_COLOUR[clock.status], color: '#fff' }} data-testid="case-clock" data-clock={clock.status} title={clock.rule}>
      {t(`cases.clocks.${clock.id}`, { defaultValue: clock.id })} · {t(`dispatch.clock.${clock.status}`)} · {clock.deadline.lastDay}
    </span>
  );
}

function FineTable({ fine }: { fine: CaseFine }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const e = fine.explanation;
  return (
    <>
      <p data-testid="case-fine-amount"><strong>{t('cases.fineAmount', { amount: num(fine.amount, 0) })}</strong> · {fine.matter.code} v{fine.matter.version}{fine.table ? ` · ${fine.table.id} v${fine.table.version}` : ''} · {t('cases.gates')}: {fine.gates.outcome}</p>
      <p className="muted">{e.formula}</p>
      {e.method === 'weights' && (
        <div className="table-wrap">
          <table data-testid="case-fine-table">
            <thead><tr><th scope="col">{t('catalogue.factor')}</th><th scope="col">{t('catalogue.levelCol')}</th><th scope="col">{t('catalogue.weight')}</th><th scope="col">{t('catalogue.source')}</th></tr></thead>
            <tbody>
              {e.start && <tr><td>{t('catalogue.start')}</td><td>—</td><td>{e.start.weight} %</td><td>{e.start.source}</td></tr>}
              {e.factors.map((f) => (
                <tr key={f.key} data-testid="case-fine-factor">
                  <td>{f.label[lang]}</td>
                  <td>{f.levelLabel[lang]}{f.value !== null ? ` (${f.value})` : ''}{f.proven ? '' : ` — ${t('catalogue.rules.unproven_lowest_level')}`}</td>
                  <td>{f.weight} %</td>
                  <td>{f.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ol>{e.steps.map((s) => <li key={`${s.rule}-${s.amount}`}>{s.detail} — {num(s.amount, 0)} [{s.source}]</li>)}</ol>
    </>
  );
}

/** The first-violation waiver (APL 33 ¶1): open once the gates said may_waive, recorded with who and why once decided. */
function WaiverSection({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const w = c.waiver;
  if (w !== null) {
    return (
      <Section title={t('cases.waiver')} testId="case-waiver">
        <p>{t('cases.waivedBy', { name: w.byName ?? `#${w.by}`, at: beijing(w.at) })} [{w.article}]</p>
        <p className="muted">{w.gateReason}</p>
        <p>{t('cases.reason')}: {w.reason}</p>
      </Section>
    );
  }
  const g = c.record.waivable;
  if (g == null || c.record.outcome !== null) return null;
  return <Section title={t('cases.waiver')} testId="case-waivable"><p>{t('cases.mayWaive')} [{g.article}] <span className="muted">{g.reason}</span></p></Section>;
}

export function CasePage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const data = useAsync(() => api<CaseDetail>(`/api/cases/${id}`), [id]);
  const [action, setAction] = useState<string | null>(null);
  const c = data.data;
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (c === undefined) return <Loading />;
  return (
    <div>
      <p><a href="#/cases">{t('cases.title')}</a></p>
      <h1 data-testid="case-number">{c.number}</h1>
      <p>
        <a href={`#/enterprises/${c.enterpriseId}`}>{c.enterpriseName}</a> · {c.matterCode} · <strong data-testid="case-state">{t(`cases.states.${c.state}`)}</strong>
        {c.major && <> · {t('cases.major')}</>} · {t('cases.version', { version: c.version })}
        {c.record.outcome !== null && <> · <span data-testid="case-outcome">{t(`cases.outcomes.${c.record.outcome}`, { defaultValue: c.record.outcome })}</span></>}
      </p>
      <p data-testid="case-matter">
        {c.matterCode} {c.matter.name[lang]} · {t('cases.matterVersion', { version: c.matterVersion })}{c.tableVersion !== null && <> · {t('cases.tableVersion', { version: c.tableVersion })}</>}
        {c.matter.latestVersion > c.matterVersion && <span className="muted"> · {t('cases.newerMatter', { version: c.matter.latestVersion })}</span>}
      </p>
      <Section title={t('cases.clock')} testId="case-clocks">
        {c.clocks.length === 0 ? <p>—</p> : <p>{c.clocks.map((k) => (
          <span key={k.id}>
            <ClockBadge clock={k} />
            {/* Already a sentence from the server (calendar.ts calendarWarning): shown as it comes. */}
            {k.calendarWarning !== undefined && <span className="muted" role="note" data-testid="case-clock-warning" data-clock-id={k.id}> ⚠ {k.calendarWarning}</span>}
            {' '}
          </span>
        ))}</p>}
      </Section>
      <Section title={t('cases.nextActions')} testId="case-actions">
        {c.availableActions.length === 0 ? <p className="muted">{t('cases.noActions')}</p> : (
          <p>{c.availableActions.map((a) => (
            <button key={a} type="button" aria-pressed={action === a} onClick={() => setAction(action === a ? null : a)} data-testid={`case-action-${a}`}>{t(`cases.actions.${a}`, { defaultValue: a })}</button>
          ))}</p>
        )}
        {action !== null && <ActionForm key={`${action}-${c.version}`} caseId={c.id} action={action} version={c.version} onDone={() => { setAction(null); data.reload(); }} />}
      </Section>
      {c.criminalFlags.length > 0 && (
        <Section title={t('cases.criminalFlags')} testId="case-flags">
          <ul>{c.criminalFlags.map((f, i) => <li key={`${f.id}-${i}`}>{f.message} [{f.article}]</li>)}</ul>
        </Section>
      )}
      <WaiverSection c={c} />
      {c.fine !== null && <Section title={t('cases.fine')} testId="case-fine"><FineTable fine={c.fine} /></Section>}
      <CaseRectifications key={c.version} caseId={c.id} />
      <Section title={t('cases.documents')} testId="case-documents">
        {c.documents.length === 0 ? <p>—</p> : (
          <ul>{c.documents.map((d) => (
            <li key={d.id}><a href={`/api/cases/${c.id}/documents/${d.id}`} target="_blank" rel="noreferrer" data-testid="case-document">{t(`cases.documentKinds.${d.kind}`, { defaultValue: d.kind })}</a> {d.number ?? ''} · {beijing(d.createdAt)} · SHA-256 {d.sha256.slice(0, 12)}…</li>
          ))}</ul>
        )}
      </Section>
      <Section title={t('cases.duties')} testId="case-duties">
        <ol>{c.duties.map((d, i) => <li key={i}>{beijing(d.at)} · {d.duty} · #{d.by}{d.lateDays > 0 ? ` · ${t('cases.late', { days: d.lateDays })}` : ''}</li>)}</ol>
      </Section>
    </div>
  );
}
