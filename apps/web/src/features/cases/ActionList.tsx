// The actions of a case for the caller: the ones that can be taken now as buttons (the server checks the
// state, the role and the record's preconditions at the platform time), and on request the others the state
// and role allow, each with why it cannot be taken yet. The server still refuses whatever is sent.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionForm } from './ActionForm.tsx';
import { citeText } from '../../components/citation.ts';
import type { CaseActionCheck, CaseDetail } from '@ecoenforce/contract';

function Why({ check }: { check: CaseActionCheck }) {
  const { t, i18n } = useTranslation();
  const refusal = check.ok ? undefined : check.refusal;
  const failed = refusal?.failed ?? [];
  if (failed.length === 0) return <span className="muted">{refusal?.reason}</span>;
  return <span className="muted">{failed.map((f) => `${t(`cases.preconditions.${f.id}`, { defaultValue: f.text })}${citeText(f.source, i18n.language)}`).join('；')}</span>;
}

export function ActionList({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const blocked = c.actions.filter((a) => !a.ok);
  const open = action !== null && c.availableActions.some((a) => a === action) ? action : null;
  return (
    <>
      {c.availableActions.length === 0 ? <p className="muted">{t('cases.noActions')}</p> : (
        <div className="actions">{c.availableActions.map((a) => (
          <button key={a} type="button" aria-pressed={open === a} onClick={() => setAction(open === a ? null : a)} data-testid={`case-action-${a}`}>{t(`cases.actions.${a}`, { defaultValue: a })}</button>
        ))}</div>
      )}
      {blocked.length > 0 && (
        <p>
          <label>
            <span><input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} data-testid="case-actions-show-all" /> {t('cases.showAll', { count: blocked.length })}</span>
          </label>
        </p>
      )}
      {showAll && blocked.length > 0 && (
        <div data-testid="case-actions-blocked">
          <h3>{t('cases.unavailable')}</h3>
          <ul>{blocked.map((a) => (
            <li key={a.action} data-testid={`case-blocked-${a.action}`}>{t(`cases.actions.${a.action}`, { defaultValue: a.action })}: <Why check={a} /></li>
          ))}</ul>
        </div>
      )}
      {open !== null && <ActionForm key={`${open}-${c.version}`} caseId={c.id} action={open} version={c.version} staff={c.staff} proposed={c.details.proposedOfficers} discoveredAt={c.discoveredAt} onDone={() => { setAction(null); onDone(); }} />}
    </>
  );
}
