// Asking before an act that cannot be undone (排除 a warning, 取消任务): a modal <dialog> (focus moves into
// it, Esc and 返回 close it, the page behind is inert) that states what will happen and holds the reason the
// act is recorded with, pre-filled with what the officer already typed. Nothing is sent until 确认.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors.ts';

/** The shortest reason the server accepts for these acts. */
const MIN_REASON = 2;

export function ConfirmDialog({ title, text, reasonLabel, initialReason, confirmLabel, onConfirm, onClose, testId }: {
  title: string;
  text: string;
  reasonLabel: string;
  initialReason: string;
  confirmLabel: string;
  /** Does the act; a thrown error is shown in the dialog, which stays open. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [reason, setReason] = useState(initialReason);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  useEffect(() => {
    const d = ref.current;
    if (d !== null && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const short = reason.trim().length < MIN_REASON;
  async function confirm(): Promise<void> {
    if (short) {
      setMessage(t('confirmations.reasonTooShort'));
      return;
    }
    setBusy(true);
    try {
      await onConfirm(reason.trim());
    } catch (err) {
      setMessage(errorText(err));
      setBusy(false);
    }
  }
  return (
    <dialog ref={ref} aria-labelledby={`${ids}-title`} aria-describedby={`${ids}-text`} onCancel={(e) => { e.preventDefault(); onClose(); }} className="card" data-testid={testId}>
      <form className="stack" method="dialog" noValidate onSubmit={(e) => { e.preventDefault(); void confirm(); }}>
        <h3 id={`${ids}-title`}>{title}</h3>
        <p id={`${ids}-text`}>{text}</p>
        <label htmlFor={`${ids}-reason`}>{reasonLabel}</label>
        <textarea id={`${ids}-reason`} rows={3} value={reason} onChange={(e) => { setReason(e.target.value); setMessage(undefined); }} required minLength={MIN_REASON} maxLength={2000} aria-invalid={message !== undefined && short} autoFocus data-testid={`${testId}-reason`} />
        <div className="tabs">
          <button type="submit" disabled={busy} data-testid={`${testId}-confirm`}>{confirmLabel}</button>
          <button type="button" onClick={onClose} data-testid={`${testId}-back`}>{t('confirmations.back')}</button>
        </div>
        {message !== undefined && <p role="alert" className="error" data-testid={`${testId}-error`}>{message}</p>}
      </form>
    </dialog>
  );
}
