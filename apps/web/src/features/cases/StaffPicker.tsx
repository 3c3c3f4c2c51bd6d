// The people an action names (the investigators, the collective discussion's participants), picked by name
// from the staff of the case's region rather than typed in as user ids; the ids are what is sent.
import { useTranslation } from 'react-i18next';
import type { CaseStaff } from '@ecoenforce/contract';

export function StaffPicker({ staff, roles, picked, onChange }: {
  staff: readonly CaseStaff[];
  /** The roles the server accepts for this input. */
  roles: readonly string[];
  picked: ReadonlySet<number>;
  onChange: (next: Set<number>) => void;
}) {
  const { t } = useTranslation();
  const eligible = staff.filter((s) => roles.includes(s.role));
  const toggle = (id: number): void => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(next);
  };
  return (
    <fieldset className="stack" data-testid="action-users">
      <legend>{t('cases.pickStaff')}</legend>
      {eligible.length === 0 && <p className="muted">{t('cases.noStaff')}</p>}
      {eligible.map((s) => (
        <label key={s.id}>
          <span>
            <input type="checkbox" checked={picked.has(s.id)} onChange={() => toggle(s.id)} data-testid={`action-user-${s.id}`} /> {s.displayName}
            {' '}<small className="muted">{t(`roles.${s.role}`)} · {s.regionCode} · {t('dispatch.certificate')} {s.certificateNo ?? t('dispatch.noCertificate')}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
