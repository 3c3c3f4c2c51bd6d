// The raw-frame viewer: the evidence exactly as received, its hash, and the decode of those bytes.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { FrameDetail } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

export function FramePage({ id }: { id: number }) {
  const { t } = useTranslation();
  const f = useAsync(() => api<FrameDetail>(`/api/frames/${id}`), [id]);
  if (f.error !== undefined) return <Failed error={f.error} retry={f.reload} />;
  const d = f.data;
  if (d === undefined) return <Loading />;
  return (
    <div>
      <h1>{t('frame.title')} #{d.id}</h1>
      <p className="notice">{t('frame.evidence')}</p>
      <dl className="facts">
        <dt>{t('point.received')}</dt><dd>{beijing(d.receivedAt)}</dd>
        <dt>{t('frame.peer')}</dt><dd>{d.peer}</dd>
        <dt>{t('frame.verdict')}</dt><dd>{t(`frame.${d.verdict}`)}{d.reason === null ? '' : ` (${d.reason})`}</dd>
        <dt>MN / CN / QN</dt><dd>{d.mn ?? '—'} / {d.cn ?? '—'} / {d.qn ?? '—'}</dd>
        <dt>{t('frame.size')}</dt><dd>{d.size}</dd>
        <dt>{t('frame.sha256')}</dt><dd><code className="wrap">{d.sha256}</code></dd>
      </dl>
      <Section title={t('frame.text')}><pre className="wrap" data-testid="frame-text">{d.text}</pre></Section>
      <Section title={t('frame.hex')}><pre className="wrap" data-testid="frame-hex">{d.hex.replace(/(.{2})/g, '$1 ')}</pre></Section>
      <Section title={t('frame.decoded')}><pre className="wrap" data-testid="frame-decoded">{JSON.stringify(d.decoded, null, 2)}</pre></Section>
    </div>
  );
}
