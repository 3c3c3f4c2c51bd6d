// Hash routes (#/map, #/points/12 …): the server serves one index.html and needs no route table.
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  id: number | null;
  /** What follows `?` (#/points/12?factor=a21026&month=2026-11): a page's own options. */
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page = '', id] = path.split('/');
  const n = id === undefined ? NaN : Number(id);
  return { page, id: Number.isInteger(n) ? n : null, query: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const go = (path: string): void => {
  location.hash = path;
};
