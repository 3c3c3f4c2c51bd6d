// The case page's panel: the orders to correct the case made (with their clocks) and its daily-penalty rounds.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { num } from '../../components/format.ts';
import { Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { RectificationClock, RoundsTable } from './RectificationPage.tsx';
import type { CaseRectifications as CaseRectificationList } from '@ecoenforce/contract';

export function CaseRectifications({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const data = useAsync(() => api<CaseRectificationList>(`/api/cases/${caseId}/rectifications`), [caseId]);
  const d = data.data;
  if (d === undefined || (d.items.length === 0 && d.rounds.length === 0)) return null;
  return (
    <Section title={t('rectification.caseTitle')} testId="case-rectifications">
      <ul>{d.items.map((r) => (
        <li key={r.id}><a href={`#/rectifications/${r.id}`}>{t('rectification.roundN', { n: r.round })}</a> · {t(`rectification.statuses.${r.status}`)} · {r.clocks.map((k) => <span key={k.id}><RectificationClock clock={k} />{' '}</span>)}</li>
      ))}</ul>
      <RoundsTable rounds={d.rounds} />
      {d.rounds.length > 0 && <p data-testid="case-daily-penalty-total"><strong>{t('rectification.total', { amount: num(d.total, 0) })}</strong></p>}
    </Section>
  );
}
