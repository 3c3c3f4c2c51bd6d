// One point on the enterprise page: its status and its latest values, refreshed when a reading arrives.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { PointDetail, PointSummary } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, StatusBadge } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { LatestTable } from '../points/LatestTable.tsx';

export function OutletPoint({ point }: { point: PointSummary }) {
  const { t } = useTranslation();
  const detail = useAsync(() => api<PointDetail>(`/api/points/${point.id}`), [point.id]);
  useLive(
    {
      reading: (e) => e.pointId === point.id && detail.reload(),
      status: (e) => e.pointId === point.id && detail.reload(),
    },
    [point.id],
  );
  const d = detail.data;
  return (
    <div className="outlet-point" data-testid={`enterprise-point-${point.id}`}>
      <p>
        <a href={`#/points/${point.id}`}>{t('points.mn')} {point.mn}</a> <StatusBadge status={d?.status ?? point.status} />{' '}
        <span className="muted">{t('points.lastFrame')} {beijing(d?.lastFrameAt ?? point.lastFrameAt)}</span>
      </p>
      {detail.error !== undefined && <Failed error={detail.error} retry={detail.reload} />}
      {d !== undefined && <LatestTable point={d} testId={`enterprise-latest-${point.id}`} compact />}
    </div>
  );
}
