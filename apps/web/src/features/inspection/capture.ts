// What the phone records at the moment of capture: the photo's SHA-256 (crypto.subtle, before the bytes are
// stored anywhere, so the server can prove they did not change on the way) and the position, if the officer
// allows it. A refused or unavailable position is recorded as null ("unavailable"), never guessed.
import type { InspectionGps } from '@ecoenforce/contract';

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The current position, or null when denied, unsupported or not found within `timeoutMs`. */
export function currentPosition(timeoutMs = 8000): Promise<InspectionGps | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/**
 * Registers the offline worker (public/sw.js) the first time an inspection page opens, keyed by this build:
 * the main chunk's hashed file name changes with every build, so a new build installs a new worker that
 * caches the new shell and drops the old caches. Only this page registers it — the rest of the console is
 * used at a desk and online — but once installed it controls the whole origin, because every hash route is
 * served by the same '/' document; its fetch handler touches only navigations, /assets/ and the checklist GET.
 */
export function registerOfflineWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const build = new URL(import.meta.url).pathname.split('/').pop() ?? 'dev';
  navigator.serviceWorker.register(`/sw.js?build=${encodeURIComponent(build)}`, { scope: '/' }).catch(() => undefined);
}
