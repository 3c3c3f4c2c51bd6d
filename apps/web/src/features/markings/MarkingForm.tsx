// The enterprise's form to mark a span of one of its points' data (2022 marking rules): kind, whether the
// data are invalid for the exceedance judgement, the span in Beijing time, a reason and attachments. The
// API keeps an attachment's name, size and SHA-256 (computed here), so the original can be proved later.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { MarkingAttachment, MarkingCreated, MarkingKind, PointSummary } from '@ecoenforce/contract';
import { parseBeijingInput } from '../../components/format.ts';
import { MARKING_KINDS } from './types.ts';
import { errorText } from '../../api/errors.ts';

async function sha256(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function MarkingForm({ points, onCreated }: { points: PointSummary[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [pointId, setPointId] = useState(points[0]?.id ?? 0);
  const [kind, setKind] = useState<MarkingKind>('maintenance');
  const [invalid, setInvalid] = useState(true);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [attachments, setAttachments] = useState<MarkingAttachment[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [created, setCreated] = useState<MarkingCreated>();
  // crypto.subtle exists only in a secure context (https, localhost).
  const canDigest = typeof crypto !== 'undefined' && crypto.subtle !== undefined;

  async function pick(files: FileList | null): Promise<void> {
    const list = [...(files ?? [])];
    setAttachments(await Promise.all(list.map(async (f) => ({ name: f.name, size: f.size, sha256: await sha256(f) }))));
  }

  async function submit(): Promise<void> {
    const span = { from: parseBeijingInput(from), to: parseBeijingInput(to) };
    if (!Number.isFinite(span.from) || !Number.isFinite(span.to) || span.to <= span.from) {
      setMessage(t('markings.badSpan'));
      return;
    }
    setBusy(true);
    try {
      const m = await api<MarkingCreated>(`/api/points/${pointId}/markings`, { method: 'POST', body: { kind, invalid, ...span, reason, attachments } });
      setCreated(m);
      setMessage(undefined);
      setReason('');
      setAttachments([]);
      onCreated();
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="marking-form">
      <label>
        {t('markings.point')}
        <select value={pointId} onChange={(e) => setPointId(Number(e.target.value))} data-testid="marking-point">
          {points.map((p) => <option key={p.id} value={p.id}>{p.outletCode} {p.outletName} · MN {p.mn}</option>)}
        </select>
      </label>
      <label>
        {t('markings.kind')}
        <select value={kind} onChange={(e) => { const k = e.target.value as MarkingKind; setKind(k); setInvalid(k !== 'other'); }} data-testid="marking-kind">
          {MARKING_KINDS.map((k) => <option key={k} value={k}>{t(`markings.kinds.${k}`)}</option>)}
        </select>
      </label>
      <label style={{ display: 'flex', gap: '0.4rem', alignItems: 'flex-start' }}>
        <input type="checkbox" style={{ width: 'auto' }} checked={invalid} onChange={(e) => setInvalid(e.target.checked)} data-testid="marking-invalid" /> {t('markings.invalidHint')}
      </label>
      <label>{t('markings.from')}<input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="marking-from" /></label>
      <label>{t('markings.to')}<input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="marking-to" /></label>
      <label htmlFor="marking-reason">{t('markings.reason')}</label>
      <textarea id="marking-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required minLength={2} maxLength={2000} data-testid="marking-reason" />
      {canDigest && (
        <label>
          {t('markings.attachments')}
          <input type="file" multiple onChange={(e) => void pick(e.target.files)} data-testid="marking-files" />
          <small className="muted">{t('markings.attachmentsHint')}</small>
        </label>
      )}
      {attachments.length > 0 && <ul className="plain">{attachments.map((a) => <li key={a.sha256}>{a.name} · {a.size} B · <code>{a.sha256.slice(0, 16)}…</code></li>)}</ul>}
      <button type="submit" disabled={busy} data-testid="marking-submit">{t('markings.create')}</button>
      {message !== undefined && <p role="alert" className="error">{message}</p>}
      {created !== undefined && (
        <p role="status" data-testid="marking-created">
          {t('markings.created', { id: created.id })}
          {created.warningIds.length > 0 && <> {t('markings.raised')} {created.warningIds.map((id) => <a key={id} href={`#/warnings/${id}`}>#{id} </a>)}</>}
        </p>
      )}
    </form>
  );
}
