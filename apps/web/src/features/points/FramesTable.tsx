// The raw frames received in the chart's visible time range (newest first, paged by cursor). A frame opens
// in the raw-frame viewer (#/frames/:id), the read-only evidence.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { FrameSummary, Page } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed } from '../../components/ui.tsx';

export interface Range {
  from: number;
  /** Undefined: up to now (the list follows live readings). */
  to: number | undefined;
}

export function FramesTable({ pointId, range, refresh }: { pointId: number; range: Range | undefined; refresh: number }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<FrameSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error>();
  const filter = { from: range === undefined ? undefined : Math.floor(range.from), to: range?.to === undefined ? undefined : Math.ceil(range.to) };

  useEffect(() => {
    let current = true;
    api<Page<FrameSummary>>(`/api/points/${pointId}/frames${qs({ ...filter, limit: 25 })}`).then(
      (p) => {
        if (!current) return;
        setItems(p.items);
        setCursor(p.nextCursor);
        setError(undefined);
      },
      (e: unknown) => current && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      current = false;
    };
  }, [pointId, filter.from, filter.to, refresh]);

  async function more(): Promise<void> {
    if (cursor === null) return;
    try {
      const p = await api<Page<FrameSummary>>(`/api/points/${pointId}/frames${qs({ ...filter, limit: 25, cursor })}`);
      setItems((xs) => [...xs, ...p.items]);
      setCursor(p.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }

  return (
    <>
      <p className="muted" data-testid="frames-range">
        {t('point.framesHint')}{range === undefined ? '' : `: ${beijing(range.from)} – ${range.to === undefined ? t('point.now') : beijing(range.to)}`}
      </p>
      {error !== undefined && <Failed error={error} />}
      <div className="table-wrap">
        <table data-testid="frames-table">
          <thead>
            <tr>
              <th scope="col">{t('point.received')}</th><th scope="col">{t('frame.cn')}</th><th scope="col">{t('point.dataTime')}</th>
              <th scope="col">{t('frame.size')}</th><th scope="col">{t('frame.verdict')}</th><th scope="col">{t('frame.peer')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.id} data-testid={`frame-row-${f.id}`}>
                <td><a href={`#/frames/${f.id}`} data-testid={`frame-link-${f.id}`}>{beijing(f.receivedAt)}</a></td>
                <td>{f.cn === null ? '—' : t(`cn.${f.cn}`, { defaultValue: f.cn })}</td>
                <td>{beijing(f.dataTime)}</td>
                <td>{f.size}</td>
                <td>{t(`frame.${f.verdict}`)}{f.reason === null ? '' : ` (${f.reason})`}</td>
                <td>{f.peer}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 && error === undefined && <p>{t('point.noFrames')}</p>}
      {cursor !== null && <button type="button" onClick={() => void more()} data-testid="frames-more">{t('points.more')}</button>}
    </>
  );
}
