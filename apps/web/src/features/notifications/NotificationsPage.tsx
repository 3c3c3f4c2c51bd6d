// 我的通知: the caller's notifications, newest first — kind (in words), time (Beijing), text, a link to the
// task or warning it is about — with 标为已读 for one and 全部已读 for all; 只看未读 narrows the list. A new
// notification arriving live reloads the list; every change tells the bell.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notification, NotificationPage } from '@ecoenforce/contract';
import { api, qs } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';
import { beijing } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { notificationsChanged } from './notify-events.ts';

/** `live`: whether the login may open the live feed (see NotificationBell). */
export function NotificationsPage({ live = true }: { live?: boolean }) {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [more, setMore] = useState<{ items: Notification[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const data = useAsync(() => {
    setMore(null);
    return api<NotificationPage>(`/api/notifications${qs({ unread: unreadOnly ? 'true' : undefined, limit: 50 })}`);
  }, [unreadOnly]);
  useLive({ notification: data.reload }, [data.reload], live);
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (data.data === undefined) return <Loading />;
  const items = [...data.data.items, ...(more?.items ?? [])];
  const nextCursor = more === null ? data.data.nextCursor : more.nextCursor;

  async function act(path: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await api(path, { method: 'POST' });
      notificationsChanged();
      data.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function loadMore(): Promise<void> {
    if (nextCursor === null) return;
    try {
      const p = await api<NotificationPage>(`/api/notifications${qs({ unread: unreadOnly ? 'true' : undefined, limit: 50, cursor: nextCursor })}`);
      setMore({ items: [...(more?.items ?? []), ...p.items], nextCursor: p.nextCursor });
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div>
      <h1>{t('notifications.title')}</h1>
      <p className="muted">{t('notifications.intro')}</p>
      <div className="actions">
        <button type="button" aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)} data-testid="notifications-all">{t('notifications.all')}</button>
        <button type="button" aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)} data-testid="notifications-unread-only">{t('notifications.unreadOnly')}</button>
        <span data-testid="notifications-unread">{t('notifications.unreadCount', { count: data.data.unread })}</span>
        <button type="button" disabled={busy || data.data.unread === 0} onClick={() => void act('/api/notifications/read-all')} data-testid="notifications-read-all">{t('notifications.markAllRead')}</button>
      </div>
      {error !== null && <p role="alert" data-testid="notifications-error">{error}</p>}
      {items.length === 0 ? <p data-testid="notifications-none">{t('notifications.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="notifications-table">
            <thead>
              <tr>
                <th scope="col">{t('notifications.kind')}</th><th scope="col">{t('notifications.time')}</th><th scope="col">{t('notifications.content')}</th>
                <th scope="col">{t('notifications.state')}</th><th scope="col"><span className="visually-hidden">{t('notifications.markRead')}</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id} data-testid="notification-row" data-id={n.id} data-kind={n.kind} data-read={n.readAt === null ? 'no' : 'yes'}>
                  <td>{t(`notifications.kinds.${n.kind}`)}</td>
                  <td>{beijing(n.createdAt)}</td>
                  <td>
                    <a href={n.link} data-testid="notification-link">{n.readAt === null ? <strong>{n.title}</strong> : n.title}</a>
                    <div className="muted wrap">{n.body}</div>
                  </td>
                  <td>{n.readAt === null ? t('notifications.unread') : t('notifications.read')}</td>
                  <td>
                    {n.readAt === null && (
                      <button type="button" disabled={busy} onClick={() => void act(`/api/notifications/${n.id}/read`)} data-testid="notification-mark-read">{t('notifications.markRead')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor !== null && <button type="button" onClick={() => void loadMore()} data-testid="notifications-more">{t('notifications.more')}</button>}
    </div>
  );
}
