// The enterprise's proof of correction: a written explanation and files. Each file is hashed here (SHA-256,
// as markings do) and sent with its bytes; the server hashes the bytes again and refuses a mismatch, so the
// stored evidence is provably what the enterprise chose.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/errors.ts';

interface Picked { name: string; size: number; sha256: string; content: string }

async function read(file: File): Promise<Picked> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, size: file.size, sha256, content: btoa(binary) };
}

export function ProofForm({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<Picked[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  // crypto.subtle exists only in a secure context (https, localhost).
  const canDigest = typeof crypto !== 'undefined' && crypto.subtle !== undefined;

  async function submit(): Promise<void> {
    setBusy(true);
    try {
      await api(`/api/rectifications/${id}/proofs`, { method: 'POST', body: { text, files: files.map(({ name, sha256, content }) => ({ name, sha256, content })) } });
      setText('');
      setFiles([]);
      setMessage(t('rectification.proofSent'));
      onDone();
    } catch (err) {
      setMessage(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={(e) => { e.preventDefault(); void submit(); }} data-testid="rectification-proof-form">
      <label>{t('rectification.proofText')}<textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={8000} /></label>
      <label>
        {t('rectification.proofFiles')}
        <input type="file" multiple disabled={!canDigest} onChange={(e) => { const list = [...(e.target.files ?? [])]; void Promise.all(list.map(read)).then(setFiles); }} data-testid="rectification-proof-files" />
      </label>
      {!canDigest && <p className="notice">{t('rectification.noDigest')}</p>}
      {files.length > 0 && <ul className="plain">{files.map((f) => <li key={f.sha256}>{f.name} · {f.size} B · <code>{f.sha256.slice(0, 16)}…</code></li>)}</ul>}
      <button type="submit" disabled={busy || (text.trim() === '' && files.length === 0)}>{t('rectification.submitProof')}</button>
      {message !== undefined && <p role="status">{message}</p>}
    </form>
  );
}
