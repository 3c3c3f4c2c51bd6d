// A searchable list's controls (issue 14): the search box, 起止日期, sortable column headers and the pager.
// The state lives in the hash's query (#/cases?q=…&from=…&sort=date&order=asc&page=2), so a reload or a
// shared link shows the same list; a change of any filter goes back to page 1.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../router.ts';

export type Order = 'asc' | 'desc';

export interface ListParams {
  /** A query parameter's value, '' when absent. */
  get(name: string): string;
  /** 1-based. */
  page: number;
  /** The whole query as it stands ('?q=…' or ''), for links that keep the list's state. */
  search: string;
  /** Sets (or, for '' and undefined, removes) parameters; any change but the page's returns to page 1. */
  set(changes: Record<string, string | undefined>): void;
  /** The server's query: the list's parameters, the page as an offset of `size`. */
  query(names: readonly string[], size: number): Record<string, string | number | undefined>;
}

/** The list parameters every searchable list keeps in its URL besides its own filters. */
export const LIST_PARAMS = ['q', 'from', 'to', 'sort', 'order'] as const;

export function useListParams(): ListParams {
  const route = useRoute();
  const page = Math.max(1, Math.floor(Number(route.query.get('page') ?? '1')) || 1);
  return {
    page,
    search: route.query.toString() === '' ? '' : `?${route.query.toString()}`,
    get: (name) => route.query.get(name) ?? '',
    set(changes) {
      const next = new URLSearchParams(route.query);
      for (const [k, v] of Object.entries(changes)) if (v === undefined || v === '') next.delete(k); else next.set(k, v);
      if (!Object.keys(changes).every((k) => k === 'page')) next.delete('page');
      if (next.get('page') === '1') next.delete('page');
      const path = location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
      const s = next.toString();
      location.hash = `#/${path}${s === '' ? '' : `?${s}`}`;
    },
    query(names, size) {
      const out: Record<string, string | number | undefined> = {};
      for (const n of names) out[n] = route.query.get(n) ?? undefined;
      return { ...out, limit: size, offset: (page - 1) * size };
    },
  };
}

/** The search box (applied on 搜索 or Enter), the start and end dates (applied when picked) and 清除条件. */
export function ListSearch({ params, placeholder, datesHint, testId, children }: { params: ListParams; placeholder: string; datesHint: string; testId: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const q = params.get('q');
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const from = params.get('from');
  const to = params.get('to');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    params.set({ q: text.trim() });
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label={t('lists.searchLabel')} data-testid={`${testId}-search-form`}>
      <label>
        {t('lists.search')}
        <input type="search" value={text} placeholder={placeholder} maxLength={100} onChange={(e) => setText(e.target.value)} data-testid={`${testId}-search`} />
      </label>
      <button type="submit" data-testid={`${testId}-search-submit`}>{t('lists.searchButton')}</button>
      <fieldset className="date-range" title={datesHint}>
        <legend>{t('lists.dates')}</legend>
        <label>
          {t('lists.from')}
          <input type="date" value={from} max={to || undefined} onChange={(e) => params.set({ from: e.target.value })} data-testid={`${testId}-from`} />
        </label>
        <label>
          {t('lists.to')}
          <input type="date" value={to} min={from || undefined} onChange={(e) => params.set({ to: e.target.value })} data-testid={`${testId}-to`} />
        </label>
      </fieldset>
      {children}
      <button type="button" onClick={() => params.set(Object.fromEntries([...new URLSearchParams(location.hash.split('?')[1] ?? '').keys()].map((k) => [k, undefined])))} data-testid={`${testId}-clear`}>{t('lists.clear')}</button>
    </form>
  );
}

/** A column header that sorts the list: the first click sorts by `first`, the next the other way. */
export function SortHeader({ params, sortKey, first = 'asc', children, testId }: { params: ListParams; sortKey: string; first?: Order; children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const active = params.get('sort') === sortKey;
  const order: Order = params.get('order') === 'asc' ? 'asc' : 'desc';
  const next: Order = active ? (order === 'asc' ? 'desc' : 'asc') : first;
  return (
    <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} data-testid={`${testId}-sort-${sortKey}`}>
      <button type="button" className="sort-header" onClick={() => params.set({ sort: sortKey, order: next })} title={t(next === 'asc' ? 'lists.sortAsc' : 'lists.sortDesc')}>
        {children}
        <span aria-hidden="true" className="sort-mark">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );
}

/** 上一页 · 第 N 页（共 P 页）· 共 M 条 · 下一页. */
export function Pager({ params, total, size, testId }: { params: ListParams; total: number; size: number; testId: string }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / size));
  const page = params.page;
  return (
    <nav className="pager" aria-label={t('lists.pager')} data-testid={`${testId}-pager`}>
      <button type="button" disabled={page <= 1} onClick={() => params.set({ page: String(page - 1) })} data-testid={`${testId}-prev`}>{t('lists.prev')}</button>
      <span data-testid={`${testId}-page`}>{t('lists.page', { page, pages })}</span>
      <span data-testid={`${testId}-total`}>{t('lists.total', { count: total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => params.set({ page: String(page + 1) })} data-testid={`${testId}-next`}>{t('lists.next')}</button>
    </nav>
  );
}
