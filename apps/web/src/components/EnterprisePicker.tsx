// Choosing an enterprise by name or 统一社会信用代码 (GET /api/enterprises?q=…, within the caller's scope)
// instead of typing its id: the officer types part of the name, picks one of the matches and sees the unit
// chosen by name; only the form's request carries the id.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../api/client.ts';
import type { Enterprise, Page } from '@ecoenforce/contract';
import { useAsync } from './useAsync.ts';

export interface PickedEnterprise { id: number; name: string; uscc: string }

/** How many matches are offered at once; a longer name narrows them. */
const MATCHES = 20;

export function EnterprisePicker({ label, value, onChange, testId }: {
  label: string;
  value: PickedEnterprise | null;
  onChange: (next: PickedEnterprise | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const query = text.trim();
  const found = useAsync(
    () => (query === '' ? Promise.resolve(undefined) : api<Page<Enterprise>>(`/api/enterprises${qs({ q: query, limit: MATCHES })}`)),
    [query],
  );
  if (value !== null) {
    return (
      <div className="picker" data-testid={testId}>
        <span>{label}：</span>
        <strong data-testid={`${testId}-chosen`}>{value.name}</strong>{' '}
        <small className="muted">{t('pickers.uscc')} {value.uscc}</small>{' '}
        <button type="button" className="link" onClick={() => onChange(null)} data-testid={`${testId}-change`}>{t('pickers.change')}</button>
      </div>
    );
  }
  const items = query === '' ? undefined : found.data?.items;
  return (
    <div className="picker" data-testid={testId}>
      <label>{label}{' '}
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('pickers.enterpriseHint')} autoComplete="off" data-testid={`${testId}-search`} />
      </label>
      {found.error !== undefined && query !== '' && <p role="alert" className="error">{t('pickers.searchFailed')}</p>}
      {items !== undefined && (items.length === 0
        ? <p className="muted" data-testid={`${testId}-none`}>{t('pickers.noEnterprise')}</p>
        : (
          <ul className="plain" role="listbox" aria-label={label} data-testid={`${testId}-matches`}>
            {items.map((e) => (
              <li key={e.id}>
                <button type="button" role="option" aria-selected={false} className="link" onClick={() => { onChange({ id: e.id, name: e.name, uscc: e.uscc }); setText(''); }}>
                  {e.name}
                </button>{' '}
                <small className="muted">{t('pickers.uscc')} {e.uscc} · {e.regionName}</small>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
