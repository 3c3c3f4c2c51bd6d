// One factor of a discretion table as a labelled field, in the console's language: a number for a measured
// factor (its unit in the label), else a picker of its levels by their names and weights. Empty means not
// established, scored at the factor's lowest level (GD art. 5). Shared by the catalogue's fine calculator
// and the case's discretion form (features/cases/DiscretionForm.tsx), which may relabel the number.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscretionFactor } from '@ecoenforce/contract';

export function FactorField({ factor, value, onChange, label, children }: {
  factor: DiscretionFactor;
  value: string;
  onChange: (v: string) => void;
  /** Replaces the factor's own label (the case form says what the exceedance multiple is). */
  label?: ReactNode;
  /** Shown under the field (where the value came from). */
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const unit = factor.unit === undefined ? '' : ` (${t(`fineForm.units.${factor.unit}`, { defaultValue: factor.unit })})`;
  return (
    <label>
      {label ?? <>{factor.label[lang]}{unit}</>}
      {factor.input === 'number' ? (
        <input type="number" step="any" value={value} placeholder={t('catalogue.unproven')} onChange={(e) => onChange(e.target.value)} data-testid={`fact-${factor.key}`} />
      ) : (
        <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={`fact-${factor.key}`}>
          <option value="">{t('catalogue.unproven')}</option>
          {factor.levels.map((l) => <option key={l.key} value={l.key}>{l.label[lang]} ({l.weight} %)</option>)}
        </select>
      )}
      {children}
    </label>
  );
}
