// Hash routes (#/map, #/points/12 …): the server serves one index.html and needs no route table.
import { useEffect, useState } from 'react';

export interface Route {
  page: string;
  id: number | null;
}

export function parseHash(hash: string): Route {
  const [page = '', id] = hash.replace(/^#\/?/, '').split('/');
  const n = id === undefined ? NaN : Number(id);
  return { page, id: Number.isInteger(n) ? n : null };
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
