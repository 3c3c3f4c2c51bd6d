// What the case forms show under a value filled in from the record (issue 14 item 2): where it came from,
// and once the officer changed it, the value suggested and a field for the reason. The origins are worded as
// in the discretion form (fineForm.origin); the exemption and criminal forms add the case's discovery day
// and the act's day.
import { useTranslation } from 'react-i18next';
import { beijing, num } from '../../components/format.ts';
import type { FinePollutant } from '@ecoenforce/contract';
import { sameValue } from './fine-form.ts';
import { beijingDay } from './prefill.ts';
import type { Prefill } from './prefill.ts';

const day = (ms: number): string => beijingDay(ms);

/** The origin of a pre-filled value, in the console's language. */
export function usePrefillOrigin(): (p: Prefill) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const factorName = (p: FinePollutant): string => (lang === 'en' ? p.factorNameEn : p.factorName) ?? p.factor;
  return (p: Prefill): string => {
    const o = p.origin;
    switch (o.kind) {
      case 'discovery': return t('caseForms.origin.discovery', { day: day(o.at) });
      case 'act': return t('caseForms.origin.act', { day: day(o.at) });
      case 'warning': {
        const w = o.pollutant;
        return t('fineForm.origin.warning', { id: w.warningId, factor: factorName(w), multiple: num(w.multiple, 2), max: num(w.max), limit: num(w.limit), unit: w.unit, ratio: num(w.ratio, 2) });
      }
      case 'warnings':
        return t('fineForm.origin.warnings', { ids: o.pollutants.map((w) => `#${w.warningId}`).join('、'), names: o.pollutants.map(factorName).join('、'), count: o.pollutants.length });
      case 'pollutantClass':
        return t('fineForm.origin.pollutantClass', { id: o.pollutant.warningId, factor: factorName(o.pollutant), kind: t(`fineForm.kinds.${o.pollutant.kind}`) });
      case 'decisions':
        return o.cases.length === 0
          ? t('fineForm.origin.decisionsNone', { since: day(o.since), until: day(o.until) })
          : t('fineForm.origin.decisions', { since: day(o.since), until: day(o.until), list: o.cases.map((c) => `${c.number}（${day(c.decidedAt)}）`).join('、'), count: o.cases.length + 1 });
      case 'specialPeriod':
        return t('fineForm.origin.specialPeriod', { name: o.name, kind: t(`fineForm.periodKinds.${o.periodKind}`), from: beijing(o.startsAt), to: beijing(o.endsAt) });
    }
  };
}

/** Under a field: its origin when pre-filled and, once changed, the suggestion and the reason asked for. */
export function PrefillNote({ prefill, value, label, valueText, reason, onReason }: {
  prefill: Prefill | undefined; value: string; label: string; valueText: (v: string) => string; reason: string; onReason: (r: string) => void;
}) {
  const { t } = useTranslation();
  const originText = usePrefillOrigin();
  if (prefill === undefined) return null;
  const id = prefill.field.replaceAll('.', '-');
  const changed = !sameValue(value, prefill.value);
  return (
    <>
      <small className="muted" style={{ display: 'block' }} data-testid={`prefill-origin-${id}`}>{originText(prefill)}</small>
      {changed && (
        <span style={{ display: 'block' }}>
          <small data-testid={`prefill-changed-${id}`}>{t('caseForms.changed', { value: valueText(prefill.value) })}</small>
          <input value={reason} placeholder={t('caseForms.reason')} aria-label={`${label} · ${t('caseForms.reason')}`} maxLength={500} onChange={(e) => onReason(e.target.value)} data-testid={`prefill-reason-${id}`} />
        </span>
      )}
    </>
  );
}
