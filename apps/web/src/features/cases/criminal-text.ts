// A criminal flag as a Chinese screen says it (issue 14 item 2): the threshold met with its figures, worded
// from the flag's detail (the domain's message is English, for the record), e.g. "镉 实测 0.45，限值 0.1，超标
// 3.5 倍（三倍以上）". English screens keep the domain's message.
import { useTranslation } from 'react-i18next';
import { num } from '../../components/format.ts';
import type { CaseDetail } from '@ecoenforce/contract';

type CriminalFlag = CaseDetail['criminalFlags'][number];

export function useFlagText(): (f: CriminalFlag) => string {
  const { t, i18n } = useTranslation();
  return (f: CriminalFlag): string => {
    if (i18n.language === 'en') return f.message;
    const d = f.detail as Record<string, unknown>;
    const n = (k: string, digits?: number): string => (typeof d[k] === 'number' ? num(d[k], digits) : '—');
    switch (f.id) {
      case 'heavy_metal_3x': case 'heavy_metal_10x':
        return t(`caseForms.criminal.flags.${f.id}`, { metal: t(`caseForms.criminal.metals.${String(d.symbol)}`, { defaultValue: String(d.metal) }), value: n('value'), limit: n('limit'), multiple: n('multiple', 2) });
      case 'hazardous_waste': return t(`caseForms.criminal.flags.${f.serious ? 'hazardous_waste_serious' : 'hazardous_waste'}`, { tonnes: n('tonnes') });
      case 'monitoring_data_fraud': {
        const names = (Array.isArray(d.pollutants) ? d.pollutants : []).map((p) => t(`caseForms.criminal.pollutantNames.${String(p).replace('-', '')}`, { defaultValue: String(p) }));
        return t('caseForms.criminal.flags.monitoring_data_fraud', { pollutants: names.join('、') });
      }
      case 'evasive_toxic_discharge': return t('caseForms.criminal.flags.evasive_toxic_discharge', { method: typeof d.method === 'string' ? d.method : '' });
      case 'illegal_gain_or_loss': return t(`caseForms.criminal.flags.${f.serious ? 'illegal_gain_or_loss_serious' : 'illegal_gain_or_loss'}`, { gain: n('gain', 0), loss: n('loss', 0) });
      case 'heavy_pollution_repeat': return t('caseForms.criminal.flags.heavy_pollution_repeat', { count: n('penaltiesWithin2Years', 0) });
    }
  };
}
