// "Create task" on a confirmed warning (the warning detail): the warning is dispatched with its new task.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Role } from '@ecoenforce/contract';
import { go } from '../../router.ts';
import { DISPATCHERS } from './types.ts';
import { errorText } from '../../api/errors.ts';

export function CreateTaskButton({ warningId, status, role }: { warningId: number; status: string; role: Role }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string>();
  if (status !== 'confirmed' || !DISPATCHERS.includes(role)) return null;
  async function create(): Promise<void> {
    try {
      const r = await api<{ id: number }>('/api/tasks', { method: 'POST', body: { source: 'warning', warningIds: [warningId] } });
      go(`/dispatch/${r.id}`);
    } catch (err) {
      setMessage(errorText(err));
    }
  }
  return (
    <p>
      <button type="button" onClick={() => void create()} data-testid="warning-create-task">{t('dispatch.createTask')}</button>
      {message !== undefined && <span role="alert" className="error"> {message}</span>}
    </p>
  );
}
