// Editing an enterprise's discharge permits and their limits (issue 4 §1), for roles that may write the
// registry. A limit can be filled from an emission-standard row, and is either ordinary or a special-period
// limit (heavy-pollution warning / special event, features/rules/SpecialPeriods.tsx). Dates are Beijing calendar days; a permit's
// end is shown as its last valid day and sent as the midnight after it (the API's exclusive end).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { EditableLimit, EditablePermit, Me, PermitOutlet, PermitStandard, PermitsView, Role } from '@ecoenforce/contract';
import { beijing, num, unitText } from '../../components/format.ts';
import { Failed, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { errorText } from '../../api/errors.ts';

/** Roles with the 'registry.write' permission (apps/server/src/access/model.ts). */
const WRITERS: readonly Role[] = ['admin'];
const STATUSES = ['valid', 'expired', 'revoked', 'cancelled'] as const;
const BASES = ['hourly', 'daily', '24h_composite', 'instant'] as const;
/** '' is the ordinary limit (specialKind null in the API). */
const LIMIT_KINDS = ['', 'heavy_pollution', 'special_event'] as const;
const DAY = 86_400_000;


const day = (ms: number): string => beijing(ms).slice(0, 10);
const dayStart = (d: string): number => Date.parse(`${d}T00:00:00+08:00`);
const optional = (s: string): number | null => (s.trim() === '' ? null : Number(s));

export function PermitEditor({ enterpriseId }: { enterpriseId: number }) {
  const me = useAsync(() => api<Me>('/api/auth/me'), []);
  const role = me.data?.user.role;
  if (role === undefined || !WRITERS.includes(role)) return null;
  return <Editor enterpriseId={enterpriseId} />;
}

type Editing = { kind: 'permit'; permit: EditablePermit | null } | { kind: 'limit'; permit: EditablePermit; limit: EditableLimit | null } | null;

function Editor({ enterpriseId }: { enterpriseId: number }) {
  const { t } = useTranslation();
  const base = `/api/enterprises/${enterpriseId}/permits`;
  const data = useAsync(() => api<PermitsView>(base), [base]);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  const d = data.data;
  if (d === undefined) return null;
  const outletCode = (id: number) => d.outlets.find((o) => o.id === id)?.code ?? String(id);

  async function send(method: string, url: string, body?: unknown): Promise<void> {
    setError(null);
    try {
      await api(url, { method, body });
      setEditing(null);
      data.reload();
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Section title={t('permitEdit.title')} testId="permit-editor">
      {error !== null && <p role="alert" className="error" data-testid="permit-error">{error}</p>}
      <button type="button" onClick={() => setEditing({ kind: 'permit', permit: null })} data-testid="permit-new">{t('permitEdit.newPermit')}</button>
      {editing?.kind === 'permit' && editing.permit === null && (
        <PermitForm onCancel={() => setEditing(null)} onSubmit={(body) => send('POST', base, body)} />
      )}
      {d.permits.map((p) => (
        <div key={p.id} data-testid="permit-edit-row">
          <h3>
            <code>{p.number}</code> · {day(p.validFrom)} – {day(p.validTo - 1)} · {t(`permitEdit.statuses.${p.status}`, { defaultValue: p.status })} · {p.issuer}{' '}
            <button type="button" onClick={() => setEditing({ kind: 'permit', permit: p })} data-testid="permit-edit">{t('permitEdit.edit')}</button>{' '}
            <button type="button" onClick={() => setEditing({ kind: 'limit', permit: p, limit: null })} data-testid="limit-add">{t('permitEdit.addLimit')}</button>
          </h3>
          {editing?.kind === 'permit' && editing.permit?.id === p.id && (
            <PermitForm permit={p} onCancel={() => setEditing(null)} onSubmit={(body) => send('PATCH', `${base}/${p.id}`, body)} />
          )}
          {editing?.kind === 'limit' && editing.permit.id === p.id && (
            <LimitForm
              limit={editing.limit} outlets={d.outlets} standards={d.standards} onCancel={() => setEditing(null)}
              onSubmit={(body) => send(editing.limit === null ? 'POST' : 'PATCH', `${base}/${p.id}/limits${editing.limit === null ? '' : `/${editing.limit.id}`}`, body)}
            />
          )}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('points.outlet')}</th><th scope="col">{t('point.factor')}</th><th scope="col">{t('enterprise.limit')}</th>
                  <th scope="col">{t('enterprise.basis')}</th><th scope="col">{t('specialPeriods.limitKind')}</th><th scope="col">{t('permitEdit.standard')}</th><th scope="col">{t('permitEdit.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {p.limits.map((l) => (
                  <tr key={l.id} data-testid="limit-row">
                    <td>{outletCode(l.outletId)}</td><td title={l.factor}>{l.factorName || l.factor}</td>
                    <td>{num(l.limit)} {unitText(l.unit)}{l.referenceO2 === null ? '' : t('compliance.refO2', { o2: l.referenceO2 })}</td>
                    <td>{t(`basis.${l.basis}`, { defaultValue: l.basis })}</td><td>{t(`specialPeriods.limitKinds.${l.specialKind ?? 'ordinary'}`)}</td><td>{l.standard ?? '—'}</td>
                    <td>
                      <button type="button" onClick={() => setEditing({ kind: 'limit', permit: p, limit: l })} data-testid="limit-edit">{t('permitEdit.edit')}</button>{' '}
                      <button
                        type="button" data-testid="limit-remove"
                        onClick={() => { if (window.confirm(t('permitEdit.confirmRemove'))) void send('DELETE', `${base}/${p.id}/limits/${l.id}`); }}
                      >
                        {t('permitEdit.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </Section>
  );
}

function PermitForm({ permit, onSubmit, onCancel }: { permit?: EditablePermit; onSubmit: (body: unknown) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(permit?.number ?? '');
  const [issuedAt, setIssuedAt] = useState(permit === undefined ? '' : day(permit.issuedAt));
  const [validFrom, setValidFrom] = useState(permit === undefined ? '' : day(permit.validFrom));
  const [lastDay, setLastDay] = useState(permit === undefined ? '' : day(permit.validTo - 1));
  const [issuer, setIssuer] = useState(permit?.issuer ?? '');
  const [status, setStatus] = useState(permit?.status ?? 'valid');
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    await onSubmit({ number, issuedAt: dayStart(issuedAt), validFrom: dayStart(validFrom), validTo: dayStart(lastDay) + DAY, issuer, status });
    setBusy(false);
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="permit-form">
      <label>{t('enterprise.permitNo')}<input value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={64} data-testid="permit-number" /></label>
      <label>{t('permitEdit.issuedAt')}<input type="date" value={issuedAt} onChange={(e) => setIssuedAt(e.target.value)} required data-testid="permit-issued" /></label>
      <label>{t('permitEdit.validFrom')}<input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} required data-testid="permit-from" /></label>
      <label>{t('permitEdit.lastDay')}<input type="date" value={lastDay} min={validFrom} onChange={(e) => setLastDay(e.target.value)} required data-testid="permit-to" /></label>
      <label>{t('permitEdit.issuer')}<input value={issuer} onChange={(e) => setIssuer(e.target.value)} required maxLength={200} data-testid="permit-issuer" /></label>
      <label>
        {t('permitEdit.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="permit-status">
          {STATUSES.map((s) => <option key={s} value={s}>{t(`permitEdit.statuses.${s}`)}</option>)}
        </select>
      </label>
      <div>
        <button type="submit" disabled={busy} data-testid="permit-save">{t('permitEdit.save')}</button> <button type="button" onClick={onCancel}>{t('permitEdit.cancel')}</button>
      </div>
    </form>
  );
}

interface LimitFormProps { limit: EditableLimit | null; outlets: PermitOutlet[]; standards: PermitStandard[]; onSubmit: (body: unknown) => Promise<void>; onCancel: () => void }

function LimitForm({ limit, outlets, standards, onSubmit, onCancel }: LimitFormProps) {
  const { t } = useTranslation();
  const [outletId, setOutletId] = useState(limit?.outletId ?? outlets[0]?.id ?? 0);
  const [factor, setFactor] = useState(limit?.factor ?? '');
  const [value, setValue] = useState(limit === null ? '' : String(limit.limit));
  const [unit, setUnit] = useState(limit?.unit ?? '');
  const [basis, setBasis] = useState(limit?.basis ?? 'hourly');
  const [o2, setO2] = useState(limit?.referenceO2 == null ? '' : String(limit.referenceO2));
  const [annual, setAnnual] = useState(limit?.annualQuantityT == null ? '' : String(limit.annualQuantityT));
  const [standard, setStandard] = useState(limit?.standard ?? '');
  const [note, setNote] = useState(limit?.note ?? '');
  const [specialKind, setSpecialKind] = useState<string>(limit?.specialKind ?? '');
  const [busy, setBusy] = useState(false);
  const kind = outlets.find((o) => o.id === outletId)?.kind;
  // Flue-gas standards are in mg/m³, water standards in mg/L: offer only those of the outlet's medium.
  const offered = standards.filter((s) => (kind === 'water' ? s.unit === 'mg/L' : s.unit === 'mg/m3'));
  function follow(id: string): void {
    const s = standards.find((x) => x.id === id);
    if (s === undefined) return;
    setFactor(s.factor);
    setValue(String(s.limit));
    setUnit(s.unit);
    setBasis(s.basis);
    setO2(s.referenceO2 === null ? '' : String(s.referenceO2));
    setStandard(s.standard);
  }
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    await onSubmit({
      outletId, factor: factor.trim(), limit: Number(value), unit, basis, referenceO2: optional(o2), annualQuantityT: optional(annual),
      standard: standard.trim() === '' ? null : standard, note: note.trim() === '' ? null : note, specialKind: specialKind === '' ? null : specialKind,
    });
    setBusy(false);
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} data-testid="limit-form">
      <label>
        {t('points.outlet')}
        <select value={outletId} onChange={(e) => setOutletId(Number(e.target.value))} data-testid="limit-outlet">
          {outlets.map((o) => <option key={o.id} value={o.id}>{o.code} {o.name} ({t(`kind.${o.kind}`, { defaultValue: o.kind })})</option>)}
        </select>
      </label>
      <label>
        {t('permitEdit.follow')}
        <select value="" onChange={(e) => follow(e.target.value)} data-testid="limit-follow">
          <option value="">—</option>
          {offered.map((s) => <option key={s.id} value={s.id}>{s.standard} · {s.applicability} · {s.factor} {s.limit} {s.unit}</option>)}
        </select>
      </label>
      <label>{t('point.factor')}<input value={factor} onChange={(e) => setFactor(e.target.value)} required maxLength={16} placeholder="a21026" data-testid="limit-factor" /></label>
      <label>{t('enterprise.limit')}<input type="number" step="any" min="0" value={value} onChange={(e) => setValue(e.target.value)} required data-testid="limit-value" /></label>
      <label>{t('permitEdit.unit')}<input value={unit} onChange={(e) => setUnit(e.target.value)} required maxLength={16} data-testid="limit-unit" /></label>
      <label>
        {t('enterprise.basis')}
        <select value={basis} onChange={(e) => setBasis(e.target.value)} data-testid="limit-basis">
          {BASES.map((b) => <option key={b} value={b}>{t(`basis.${b}`)}</option>)}
        </select>
      </label>
      <label>
        {t('specialPeriods.limitKind')}
        <select value={specialKind} onChange={(e) => setSpecialKind(e.target.value)} data-testid="limit-special-kind">
          {LIMIT_KINDS.map((k) => <option key={k} value={k}>{t(`specialPeriods.limitKinds.${k === '' ? 'ordinary' : k}`)}</option>)}
        </select>
      </label>
      <label>{t('permitEdit.referenceO2')}<input type="number" step="any" min="0" max="20.99" value={o2} onChange={(e) => setO2(e.target.value)} data-testid="limit-o2" /></label>
      <label>{t('permitEdit.annual')}<input type="number" step="any" min="0" value={annual} onChange={(e) => setAnnual(e.target.value)} data-testid="limit-annual" /></label>
      <label>{t('permitEdit.standard')}<input value={standard} onChange={(e) => setStandard(e.target.value)} maxLength={64} data-testid="limit-standard" /></label>
      <label>{t('permitEdit.note')}<input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="limit-note" /></label>
      <div>
        <button type="submit" disabled={busy} data-testid="limit-save">{t('permitEdit.save')}</button> <button type="button" onClick={onCancel}>{t('permitEdit.cancel')}</button>
      </div>
    </form>
  );
}
