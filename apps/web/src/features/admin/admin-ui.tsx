// Pieces the admin's pages share: a secret shown once with a copy button, an inline "are you sure?" and the
// wording of the user and token refusals (the server's details.reason), falling back to the console's errorText.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/index.ts';
import { ApiError } from '../../api/client.ts';
import { errorText, reasonOf } from '../../api/errors.ts';
import type { Role } from '@ecoenforce/contract';

/** The roles in the order the forms offer them; a Record so that a role added to the contract must be placed here. */
const ROLE_ORDER: Record<Role, number> = { officer: 0, dispatcher: 1, analyst: 2, legalReviewer: 3, head: 4, enterprise: 5, verifier: 6, admin: 7 };
export const ROLES = (Object.keys(ROLE_ORDER) as Role[]).sort((a, b) => ROLE_ORDER[a] - ROLE_ORDER[b]);

/** The message for a refused user or token request: the rule by its reason on Chinese screens. */
export function adminErrorText(err: unknown): string {
  if (err instanceof ApiError && i18n.language !== 'en') {
    const reason = reasonOf(err);
    if (reason !== undefined && i18n.exists(`admin.errors.${reason}`)) return i18n.t(`admin.errors.${reason}`);
  }
  return errorText(err);
}

/** A secret (a generated password, an API token) shown once, selectable, with a copy button. */
export function SecretOnce({ label, secret, testId }: { label: string; secret: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<boolean>();
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div role="status" className="notice" data-testid={testId}>
      <p>{label}</p>
      <p>
        <code data-testid={`${testId}-value`} style={{ userSelect: 'all', fontSize: '1.1em' }}>{secret}</code>{' '}
        <button type="button" onClick={() => void copy()} data-testid={`${testId}-copy`}>{t('admin.copy')}</button>{' '}
        {copied === true && <small className="muted">{t('admin.copied')}</small>}
        {copied === false && <small className="error">{t('admin.copyFailed')}</small>}
      </p>
    </div>
  );
}

/** An inline confirmation: the question and the two answers, instead of a browser dialog. */
export function Confirm({ question, onYes, onNo, testId, busy = false }: { question: string; onYes: () => void; onNo: () => void; testId: string; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="alertdialog" aria-label={question} className="notice" data-testid={testId}>
      <p>{question}</p>
      <button type="button" onClick={onYes} disabled={busy} data-testid={`${testId}-yes`}>{t('admin.confirm')}</button>{' '}
      <button type="button" onClick={onNo} data-testid={`${testId}-no`}>{t('admin.cancel')}</button>
    </div>
  );
}
