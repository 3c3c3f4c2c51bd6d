// One EventSource for the whole console (GET /api/live): pages subscribe to `reading` and `status` events.
import { useEffect } from 'react';
import type { NotificationEvent, ReadingEvent, StatusEvent, WarningEvent } from '@ecoenforce/contract';

type Listener = { reading?: (e: ReadingEvent) => void; status?: (e: StatusEvent) => void; warning?: (e: WarningEvent) => void; notification?: (e: NotificationEvent) => void };
const listeners = new Set<Listener>();
let source: EventSource | null = null;

function ensure(): void {
  if (source !== null) return;
  source = new EventSource('/api/live');
  source.addEventListener('reading', (m) => {
    const e = JSON.parse((m as MessageEvent<string>).data) as ReadingEvent;
    for (const l of listeners) l.reading?.(e);
  });
  source.addEventListener('warning', (m) => {
    const e = JSON.parse((m as MessageEvent<string>).data) as WarningEvent;
    for (const l of listeners) l.warning?.(e);
  });
  // The caller's own notifications only (the server sends each to its recipient's streams).
  source.addEventListener('notification', (m) => {
    const e = JSON.parse((m as MessageEvent<string>).data) as NotificationEvent;
    for (const l of listeners) l.notification?.(e);
  });
  source.addEventListener('status', (m) => {
    const e = JSON.parse((m as MessageEvent<string>).data) as StatusEvent;
    for (const l of listeners) l.status?.(e);
  });
}

export function closeLive(): void {
  source?.close();
  source = null;
}

/**
 * Subscribes to the live feed while mounted. `enabled` false: no feed at all — for a login whose role may not
 * read it (the verifier: the server answers 403), which would otherwise ask again every few seconds.
 */
export function useLive(listener: Listener, deps: readonly unknown[], enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    ensure();
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [...deps, enabled]);
}
