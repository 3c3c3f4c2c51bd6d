// One penalty case: its state and legal clocks (coloured by status), the actions the caller may take now
// with their inputs, the fine with its explanation (each factor, level, weight and source; each step with
// its article), the criminal flags, the duty record by name and every document on the record.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useClockRule } from '../../components/ClockRule.tsx';
import { beijing, num } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { ActionList } from './ActionList.tsx';
import { CaseRectifications } from '../rectification/CaseRectifications.tsx';
import type { CaseClock, CaseDetail, FineView } from '@ecoenforce/contract';
import { CLOCK_COLOUR } from './types.ts';
import { CaseParticulars } from './CaseParticulars.tsx';
import { ServiceStatus } from '../service/ServiceStatus.tsx';
import { citeText, sourceText } from '../../components/citation.ts';
import { useFlagText } from './criminal-text.ts';
import { GROUND_SOURCE, type ExemptionGround } from './exemption-form.ts';

export function ClockBadge({ clock }: { clock: CaseClock }) {
  const { t } = useTranslation();
  const rule = useClockRule(clock);
  return (
    <span className="badge" style={{ background: CLOCK_COLOUR[clock.status], color: '#fff' }} data-testid="case-clock" data-clock={clock.status} title={rule}>
      {t(`cases.clocks.${clock.id}`, { defaultValue: clock.id })} · {t(`dispatch.clock.${clock.status}`)} · {clock.deadline.lastDay}
    </span>
  );
}

function FineTable({ fine }: { fine: FineView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const e = fine.explanation;
  return (
    <>
      <p data-testid="case-fine-amount">
        <strong>{t('cases.fineAmount', { amount: num(fine.amount, 0) })}</strong> · {t('cases.matterVersion', { version: fine.matter.version })}
        {fine.table ? ` · ${t('cases.tableVersion', { version: fine.table.version })}` : ''} · {t('cases.gates')}：{t(`fineForm.outcomes.${fine.gates.outcome}`, { defaultValue: fine.gates.outcome })}
      </p>
      <p className="muted">{e.formula}</p>
      {e.method === 'weights' && (
        <div className="table-wrap">
          <table data-testid="case-fine-table">
            <thead><tr><th scope="col">{t('catalogue.factor')}</th><th scope="col">{t('catalogue.levelCol')}</th><th scope="col">{t('catalogue.weight')}</th><th scope="col">{t('catalogue.source')}</th></tr></thead>
            <tbody>
              {e.start && <tr><td>{t('catalogue.start')}</td><td>—</td><td>{e.start.weight} %</td><td>{sourceText(e.start.source, lang)}</td></tr>}
              {e.factors.map((f) => (
                <tr key={f.key} data-testid="case-fine-factor">
                  <td>{f.label[lang]}</td>
                  <td>{f.levelLabel[lang]}{f.value !== null ? ` (${f.value})` : ''}{f.proven ? '' : ` — ${t('catalogue.rules.unproven_lowest_level')}`}</td>
                  <td>{f.weight} %</td>
                  <td>{sourceText(f.source, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ol>{e.steps.map((s) => <li key={`${s.rule}-${s.amount}`}>{s.detail} — {num(s.amount, 0)}{citeText(s.source, lang)}</li>)}</ol>
    </>
  );
}

/**
 * The first-violation waiver (APL 33 ¶1): open once the gates said may_waive, recorded with who and why once
 * decided. A Chinese screen names the ground and cites the article by its official title; the gates' own
 * reason (English, for the record) shows on English screens only.
 */
function WaiverSection({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const ground = (reason: string): string => (en ? reason : t('caseForms.exemption.grounds.first_violation'));
  const w = c.waiver;
  if (w !== null) {
    return (
      <Section title={t('cases.waiver')} testId="case-waiver">
        <p>{t('cases.waivedBy', { name: w.byName ?? `#${w.by}`, at: beijing(w.at) })}（{sourceText(w.article, i18n.language)}）</p>
        <p className="muted">{ground(w.gateReason)}</p>
        <p>{t('cases.reason')}: {w.reason}</p>
      </Section>
    );
  }
  const g = c.record.waivable;
  if (g == null || c.record.outcome !== null) return null;
  return <Section title={t('cases.waiver')} testId="case-waivable"><p>{t('cases.mayWaive')}（{sourceText(g.article, i18n.language)}） <span className="muted">{ground(g.reason)}</span></p></Section>;
}

/** The ground of 不予处罚 recorded (record_exemption): by name, with its article by official title. */
function ExemptionSection({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const x = c.record.exemption;
  if (x === null) return null;
  const ground = (x.gate in GROUND_SOURCE ? x.gate : 'limitation') as ExemptionGround;
  return (
    <Section title={t('caseForms.exemption.ground')} testId="case-exemption">
      <p data-ground={x.gate}>{t('caseForms.exemption.recorded', { ground: t(`caseForms.exemption.grounds.${ground}`), citation: sourceText(x.article, i18n.language) })}</p>
    </Section>
  );
}

/** The criminal thresholds met, each with its figures, article and evidence. */
function CriminalFlags({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const flagText = useFlagText();
  if (c.criminalFlags.length === 0) return null;
  return (
    <Section title={t('cases.criminalFlags')} testId="case-flags">
      <ul>{c.criminalFlags.map((f, i) => (
        <li key={`${f.id}-${i}`} data-testid="case-flag" data-flag={f.id}>
          {flagText(f)}（{sourceText(f.article, i18n.language)}）
          {f.evidence.some((e) => e !== '') && <span className="muted"> {t('caseForms.criminal.evidence', { refs: f.evidence.filter((e) => e !== '').join('、') })}</span>}
        </li>
      ))}</ul>
    </Section>
  );
}

/**
 * Every document on the record, in order: a PDF link where a template made one; otherwise the entry says the
 * act is recorded without a PDF (法制审核意见, 送达回证 have no template yet) and shows its note (the opinion).
 */
function CaseDocuments({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const stored = new Map(c.documents.map((d) => [d.id, d]));
  const listed = new Set(c.recordDocuments.map((d) => d.documentId));
  // A stored PDF without its record entry (not expected) is still listed.
  const extra = c.documents.filter((d) => !listed.has(d.id));
  if (c.recordDocuments.length === 0 && extra.length === 0) return <p>—</p>;
  const kind = (k: string): string => t(`cases.documentKinds.${k}`, { defaultValue: k });
  const pdf = (d: CaseDetail['documents'][number]) => (
    <><a href={`/api/cases/${c.id}/documents/${d.id}`} target="_blank" rel="noreferrer" data-testid="case-document">{kind(d.kind)}</a> {d.number ?? ''} · {beijing(d.createdAt)} · SHA-256 {d.sha256.slice(0, 12)}…</>
  );
  return (
    <ul>
      {c.recordDocuments.map((r, i) => {
        const d = r.documentId === null ? undefined : stored.get(r.documentId);
        return (
          <li key={i} data-testid="case-record-document" data-kind={r.kind}>
            {d !== undefined ? pdf(d) : <>{kind(r.kind)} · {beijing(r.at)} · <span className="muted" data-testid="case-document-no-pdf">{t(r.template ? 'cases.pdfNotMade' : 'cases.noPdf')}</span></>}
            {r.byName !== null && <> · {r.byName}</>}
            {d !== undefined && <ServiceStatus service={d.service} />}
            {r.note !== null && <div className="wrap" data-testid="case-document-note">{r.note}</div>}
          </li>
        );
      })}
      {extra.map((d) => <li key={`pdf-${d.id}`}>{pdf(d)}</li>)}
    </ul>
  );
}

export function CasePage({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const data = useAsync(() => api<CaseDetail>(`/api/cases/${id}`), [id]);
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
      <CaseParticulars c={c} />
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
        <ActionList c={c} onDone={data.reload} />
      </Section>
      <CriminalFlags c={c} />
      <ExemptionSection c={c} />
      <WaiverSection c={c} />
      {c.fine !== null && <Section title={t('cases.fine')} testId="case-fine"><FineTable fine={c.fine} /></Section>}
      <CaseRectifications key={c.version} caseId={c.id} />
      <Section title={t('cases.documents')} testId="case-documents">
        <CaseDocuments c={c} />
      </Section>
      <Section title={t('cases.duties')} testId="case-duties">
        <ol>{c.duties.map((d, i) => (
          <li key={i} data-testid="case-duty">
            {beijing(d.at)} · {d.duty} · {d.byName ?? `#${d.by}`}{d.lateDays > 0 ? ` · ${t('cases.late', { days: d.lateDays })}` : ''}
            {d.note !== undefined && <span className="muted"> · {d.note}</span>}
          </li>
        ))}</ol>
      </Section>
    </div>
  );
}
