// 12369 tips: the entry form (staff type in what the hotline received) and the list. The reporter's name
// and phone show only for roles with tips.reporter; for others the server sends them empty.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { beijing, beijingInput, parseBeijingInput } from '../../components/format.ts';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import type { TipList } from '@ecoenforce/contract';
import { DISPATCHERS, TIP_WRITERS } from './types.ts';
import { platformNow } from '../../components/clock.ts';
import { errorText } from '../../api/errors.ts';

const CHANNELS = ['phone', 'web', 'wechat', 'letter'] as const;

export function TipsSection({ role, onTaskCreated }: { role: Role; onTaskCreated: (taskId: number) => void }) {
  const { t } = useTranslation();
  const tips = useAsync(() => api<TipList>('/api/tips?limit=50'), []);
  const [message, setMessage] = useState<string>();
  async function toTask(tipId: number): Promise<void> {
    try {
      const r = await api<{ id: number }>('/api/tasks', { method: 'POST', body: { source: 'tip', tipId } });
      onTaskCreated(r.id);
    } catch (err) {
      setMessage(errorText(err));
    }
  }
  return (
    <Section title={t('dispatch.tips')} testId="tips">
      {TIP_WRITERS.includes(role) && <TipForm onSaved={tips.reload} />}
      {tips.error !== undefined && <Failed error={tips.error} retry={tips.reload} />}
      {tips.data === undefined && tips.error === undefined && <Loading />}
      {tips.data !== undefined && (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">#</th><th scope="col">{t('dispatch.receivedAt')}</th><th scope="col">{t('dispatch.channel')}</th><th scope="col">{t('dispatch.reporter')}</th><th scope="col">{t('dispatch.content')}</th><th scope="col" /></tr></thead>
            <tbody>
              {tips.data.items.map((tip) => (
                <tr key={tip.id} data-testid={`tip-${tip.id}`}>
                  <td>{tip.id}</td>
                  <td>{beijing(tip.receivedAt)}</td>
                  <td>{t(`dispatch.channels.${tip.channel}`)}</td>
                  <td>{tip.reporterHidden ? <span className="muted">{t('dispatch.reporterHidden')}</span> : [tip.reporterName, tip.reporterPhone].filter((x) => x !== null).join(' ')}</td>
                  <td>{tip.content}</td>
                  <td>{DISPATCHERS.includes(role) && <button type="button" onClick={() => void toTask(tip.id)} data-testid={`tip-task-${tip.id}`}>{t('dispatch.createTask')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {message !== undefined && <p role="alert" className="error">{message}</p>}
    </Section>
  );
}

function TipForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ receivedAt: beijingInput(platformNow()), channel: 'phone' as (typeof CHANNELS)[number], reporterName: '', reporterPhone: '', content: '', regionCode: '', location: '' });
  const [message, setMessage] = useState<string>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  async function save(): Promise<void> {
    try {
      const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
      await api('/api/tips', {
        method: 'POST',
        body: { receivedAt: parseBeijingInput(form.receivedAt), channel: form.channel, reporterName: opt(form.reporterName), reporterPhone: opt(form.reporterPhone), content: form.content, regionCode: form.regionCode, location: opt(form.location) },
      });
      setForm({ ...form, reporterName: '', reporterPhone: '', content: '', location: '' });
      setMessage(t('dispatch.tipSaved'));
      onSaved();
    } catch (err) {
      setMessage(errorText(err));
    }
  }
  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="tip-form">
      <label htmlFor="tip-received">{t('dispatch.receivedAt')}</label>
      <input id="tip-received" type="datetime-local" value={form.receivedAt} onChange={set('receivedAt')} />
      <label htmlFor="tip-channel">{t('dispatch.channel')}</label>
      <select id="tip-channel" value={form.channel} onChange={set('channel')}>{CHANNELS.map((c) => <option key={c} value={c}>{t(`dispatch.channels.${c}`)}</option>)}</select>
      <RegionSelect label={t('dispatch.region')} value={form.regionCode} onChange={(regionCode) => setForm({ ...form, regionCode })} required testId="tip-region" />
      <label htmlFor="tip-name">{t('dispatch.reporterName')}</label>
      <input id="tip-name" value={form.reporterName} onChange={set('reporterName')} autoComplete="off" />
      <label htmlFor="tip-phone">{t('dispatch.reporterPhone')}</label>
      <input id="tip-phone" value={form.reporterPhone} onChange={set('reporterPhone')} autoComplete="off" />
      <p className="muted">{t('dispatch.confidential')}</p>
      <label htmlFor="tip-location">{t('dispatch.location')}</label>
      <input id="tip-location" value={form.location} onChange={set('location')} />
      <label htmlFor="tip-content">{t('dispatch.content')}</label>
      <textarea id="tip-content" rows={3} value={form.content} onChange={set('content')} required data-testid="tip-content" />
      <button type="submit" data-testid="tip-save">{t('dispatch.saveTip')}</button>
      {message !== undefined && <p role="status">{message}</p>}
    </form>
  );
}
