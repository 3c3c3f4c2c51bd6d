// An enterprise's data markings (issue 4 §3, §8): the company lists and makes its own and withdraws them;
// bureau users reach the page from an enterprise in their region and read it only.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { EnterpriseDetail, Items, Marking, Role } from '@ecoenforce/contract';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { MarkingForm } from './MarkingForm.tsx';
import { MarkingsTable } from './MarkingsTable.tsx';

export function MarkingsPage({ enterpriseId, role }: { enterpriseId: number; role: Role }) {
  const { t } = useTranslation();
  const e = useAsync(() => api<EnterpriseDetail>(`/api/enterprises/${enterpriseId}`), [enterpriseId]);
  const points = e.data?.outlets.flatMap((o) => o.points) ?? [];
  const ids = points.map((p) => p.id).join(',');
  const list = useAsync(async () => {
    const pages = await Promise.all(points.map((p) => api<Items<Marking>>(`/api/points/${p.id}/markings?limit=1000`)));
    return pages.flatMap((p) => p.items).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  }, [ids]);
  if (e.error !== undefined) return <Failed error={e.error} retry={e.reload} />;
  if (e.data === undefined) return <Loading />;
  const own = role === 'enterprise';
  return (
    <div>
      <h1 data-testid="markings-title">{t('markings.title')} · <a href={`#/enterprises/${enterpriseId}`}>{e.data.name}</a></h1>
      <p className="muted">{t('markings.intro')}</p>
      {own ? (
        <Section title={t('markings.new')} testId="marking-new">
          <MarkingForm points={points} onCreated={list.reload} />
        </Section>
      ) : (
        <p className="muted">{t('markings.readOnly')}</p>
      )}
      <Section title={t('markings.list')} testId="markings">
        {list.error !== undefined && <Failed error={list.error} retry={list.reload} />}
        {list.data === undefined ? <Loading /> : <MarkingsTable items={list.data} points={points} canWithdraw={own} onChanged={list.reload} />}
      </Section>
    </div>
  );
}
