// The header's bell: the caller's unread notifications, kept current by the live `notification` event (sent
// only to its recipient), by the notifications page when it marks something read, and by a slow poll for
// logins without the live feed. A click opens #/notifications.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationCount } from '@ecoenforce/contract';
import { api } from '../../api/client.ts';
import { useLive } from '../../components/live.ts';
import { onNotificationsChanged } from './notify-events.ts';

const POLL_MS = 60_000;

/** `live`: whether the login may open the live feed (monitoring.read); without it the slow poll alone keeps the count. */
export function NotificationBell({ live = true }: { live?: boolean }) {
  const { t } = useTranslation();
  const [unread, setUnread] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const refresh = (): void => setTick((n) => n + 1);
  useEffect(() => {
    let live = true;
    api<NotificationCount>('/api/notifications/unread-count').then(
      (c) => live && setUnread(c.unread),
      () => undefined, // the count is a hint: a failed read keeps the last one
    );
    return () => {
      live = false;
    };
  }, [tick]);
  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    const off = onNotificationsChanged(refresh);
    return () => {
      clearInterval(timer);
      off();
    };
  }, []);
  useLive({ notification: refresh }, [], live);
  const count = unread ?? 0;
  return (
    <a href="#/notifications" aria-label={t('notifications.bellLabel', { count })} data-testid="notification-bell" data-unread={count}>
      {t('notifications.bell')}
      {count > 0 && <span className="badge badge-warning" data-testid="notification-count">{count > 99 ? '99+' : count}</span>}
    </a>
  );
}
