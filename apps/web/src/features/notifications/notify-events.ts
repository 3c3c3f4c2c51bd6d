// The bell and the notifications page keep one unread count: the page tells the bell when it marks something read.
const CHANGED = 'ee-notifications-changed';

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function onNotificationsChanged(fn: () => void): () => void {
  window.addEventListener(CHANGED, fn);
  return () => window.removeEventListener(CHANGED, fn);
}
