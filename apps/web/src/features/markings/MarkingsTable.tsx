// The markings of an enterprise's points: what was marked, when and why, whether it was made after the
// fact or over a span that showed production (both are findings), and withdrawals. The enterprise may
// withdraw its own marking with a reason; a withdrawn marking stays listed (never deleted).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Marking, PointSummary } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { errorText } from '../../api/errors.ts';

export function MarkingsTable({ items, points, canWithdraw, onChanged }: { items: Marking[]; points: PointSummary[]; canWithdraw: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [withdrawing, setWithdrawing] = useState<number>();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string>();
  const pointOf = (id: number): string => {
    const p = points.find((x) => x.id === id);
    return p === undefined ? `#${id}` : `${p.outletCode} ${p.outletName}`;
  };

  async function withdraw(id: number): Promise<void> {
    try {
      await api(`/api/markings/${id}/withdraw`, { method: 'POST', body: { reason } });
      setWithdrawing(undefined);
      setReason('');
      setMessage(undefined);
      onChanged();
    } catch (err) {
      setMessage(errorText(err));
    }
  }

  if (items.length === 0) return <p>{t('markings.none')}</p>;
  const yes = (b: boolean): string => (b ? t('markings.yes') : '—');
  return (
    <div className="table-wrap">
      {message !== undefined && <p role="alert" className="error">{message}</p>}
      <table data-testid="markings-table">
        <thead>
          <tr>
            <th scope="col">#</th><th scope="col">{t('markings.point')}</th><th scope="col">{t('markings.kind')}</th><th scope="col">{t('markings.span')}</th>
            <th scope="col">{t('markings.reason')}</th><th scope="col">{t('markings.attachments')}</th><th scope="col">{t('markings.madeAt')}</th>
            <th scope="col">{t('markings.late')}</th><th scope="col">{t('markings.production')}</th><th scope="col">{t('markings.state')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-testid={`marking-row-${m.id}`} className={m.withdrawnAt === null ? undefined : 'muted'}>
              <td>{m.id}</td>
              <td><a href={`#/points/${m.pointId}`} title={`MN ${points.find((p) => p.id === m.pointId)?.mn ?? ''}`}>{pointOf(m.pointId)}</a></td>
              <td>{t(`markings.kinds.${m.kind}`, { defaultValue: m.kind })}{m.invalid ? ` · ${t('markings.invalid')}` : ''}</td>
              <td data-testid="marking-span">{beijing(m.from).slice(0, 16)} – {beijing(m.to).slice(0, 16)}</td>
              <td style={{ whiteSpace: 'normal', minWidth: '12rem' }}>{m.reason}</td>
              <td>{m.attachments.map((a) => <div key={a.sha256} title={a.sha256}>{a.name}</div>)}</td>
              <td data-testid="marking-made-at">{beijing(m.createdAt)}</td>
              <td data-testid="marking-late">{yes(m.late)}</td>
              <td>{yes(m.productionSeen)}</td>
              <td>
                {m.withdrawnAt !== null ? `${t('markings.withdrawn')} ${beijing(m.withdrawnAt).slice(0, 16)}` : t('markings.inForce')}
                {canWithdraw && m.withdrawnAt === null && withdrawing !== m.id && (
                  <button type="button" className="link" onClick={() => setWithdrawing(m.id)} data-testid={`marking-withdraw-${m.id}`}>{t('markings.withdraw')}</button>
                )}
                {withdrawing === m.id && (
                  <form onSubmit={(e) => { e.preventDefault(); void withdraw(m.id); }}>
                    <input aria-label={t('markings.withdrawReason')} placeholder={t('markings.withdrawReason')} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} data-testid="marking-withdraw-reason" />
                    <button type="submit" data-testid="marking-withdraw-confirm">{t('markings.withdraw')}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
