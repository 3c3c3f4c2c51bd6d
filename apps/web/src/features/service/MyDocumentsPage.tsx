// 我的文书 (issue 14 item 11): the enterprise's consent to electronic service (ConsentPanel), and the case
// documents issued to its own enterprise — orders to correct, advance notices and decisions — each with its
// number, case, service time, whether it was served electronically or is a copy, and whether it was opened;
// the download records the first opening on the server, so the list reloads after it. 20 a page, 加载更多.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServedDocument, ServedDocumentList } from '@ecoenforce/contract';
import { api, qs } from '../../api/client.ts';
import { beijing } from '../../components/format.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { ConsentPanel } from './ConsentPanel.tsx';

/** Fetches the PDF (the session cookie goes along), hands it to the browser as a download, then reloads the list. */
async function download(d: ServedDocument, name: string): Promise<void> {
  const res = await fetch(`/api/my/documents/${d.id}.pdf`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(String(res.status));
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const PAGE = 20;

export function MyDocumentsPage() {
  const { t } = useTranslation();
  // The first `pages` pages, loaded in order (加载更多 adds one); a reload after a download keeps them.
  const [pages, setPages] = useState(1);
  const data = useAsync(async () => {
    const items: ServedDocument[] = [];
    let cursor: string | null = null;
    let total = 0;
    for (let n = 0; n < pages; n++) {
      const page: ServedDocumentList = await api<ServedDocumentList>(`/api/my/documents${qs({ limit: PAGE, cursor })}`);
      items.push(...page.items);
      total = page.total;
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    return { items, total, more: cursor !== null };
  }, [pages]);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (data.data === undefined) return <Loading />;
  const items = data.data.items;
  const title = (d: ServedDocument): string => t(`cases.documentKinds.${d.kind}`, { defaultValue: d.title });
  async function onDownload(d: ServedDocument): Promise<void> {
    setBusy(d.id);
    setError(null);
    try {
      await download(d, `${d.title}${d.number === null ? '' : `-${d.number}`}.pdf`);
      data.reload();
    } catch {
      setError(t('service.failed'));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div>
      <h1>{t('service.title')}</h1>
      <p className="muted">{t('service.intro')}</p>
      <ConsentPanel onChange={data.reload} />
      {error !== null && <p role="alert" data-testid="my-documents-error">{error}</p>}
      {items.length === 0 ? <p data-testid="my-documents-none">{t('service.none')}</p> : (
        <div className="table-wrap">
          <table data-testid="my-documents">
            <thead>
              <tr>
                <th scope="col">{t('service.kind')}</th><th scope="col">{t('service.number')}</th><th scope="col">{t('service.caseNumber')}</th>
                <th scope="col">{t('service.servedAt')}</th><th scope="col">{t('service.mode')}</th><th scope="col">{t('service.opened')}</th><th scope="col">{t('service.download')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id} data-testid="my-document" data-kind={d.kind} data-opened={d.openedAt === null ? 'no' : 'yes'}>
                  <td>{title(d)}</td>
                  <td>{d.number ?? '—'}</td>
                  <td>{d.caseNumber}</td>
                  <td>{beijing(d.servedAt)}</td>
                  <td data-testid="my-document-mode" data-mode={d.mode}>{t(`service.modes.${d.mode}`)}</td>
                  <td data-testid="my-document-opened">
                    {d.openedAt === null ? <span className="muted">{t('service.notOpened')}</span> : <>{t('service.openedAt', { time: beijing(d.openedAt) })}{d.openedByName !== null && <div className="muted">{t('service.by', { name: d.openedByName })}</div>}</>}
                  </td>
                  <td>
                    <button type="button" disabled={busy === d.id} onClick={() => void onDownload(d)} data-testid="my-document-download">{t('service.download')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="my-documents-total">{t('service.total', { count: data.data.total })}</p>
          {data.data.more && <button type="button" onClick={() => setPages(pages + 1)} data-testid="my-documents-more">{t('service.more')}</button>}
        </div>
      )}
    </div>
  );
}
