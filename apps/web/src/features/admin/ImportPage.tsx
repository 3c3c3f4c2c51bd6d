// The admin's registry import (issue 14): choose what to import (named in Chinese), see its columns and
// download a template of them, upload a CSV or Excel file, read the check (dry run: rows to add, to update,
// problems by row and column with the reason in Chinese), then import and see the result. The server writes
// nothing unless the whole file is valid, and audits every record it creates or changes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { errorText, reasonOf } from '../../api/errors.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';

const KINDS = ['enterprises', 'outlets', 'points', 'devices', 'permits', 'permit_limits'] as const;
type Kind = (typeof KINDS)[number];

interface Column { key: string; required: boolean; name: string }
interface RowError { row: number; column: string | null; code: string; message: string }
type Report = { ok: true; inserted: number; updated: number; unchanged: number; dryRun: boolean; ignoredColumns: string[] };
type Outcome = { kind: 'report'; report: Report } | { kind: 'errors'; errors: RowError[] } | { kind: 'failed'; text: string };

const HAN = /\p{Script=Han}/u;

/**
 * GET …/columns answers one line per column: `key  required|optional  名称 / 别名 / …`. The name shown (and put
 * in the template) is the first Chinese one, which the import accepts like the key.
 */
function parseColumns(lines: readonly string[]): Column[] {
  return lines.map((line) => {
    const m = /^(\S+)\s+(required|optional)\s+(.*)$/.exec(line.trim());
    if (m === null) return { key: line.trim(), required: false, name: line.trim() };
    const names = m[3]!.split(' / ').map((s) => s.trim()).filter((s) => s !== '');
    return { key: m[1]!, required: m[2] === 'required', name: names.find((n) => HAN.test(n)) ?? names[0] ?? m[1]! };
  });
}

/** A CSV of the header row alone, with a BOM so that Excel reads it as UTF-8. */
function downloadTemplate(columns: readonly Column[], fileName: string): void {
  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const blob = new Blob([`\uFEFF${columns.map((c) => quote(c.name)).join(',')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An import refusal as rows of problems: the file's (400 with a list), the region's (403), the format's (400 with a code). */
function outcomeOf(err: unknown): Outcome {
  if (err instanceof ApiError && Array.isArray(err.details)) return { kind: 'errors', errors: err.details as RowError[] };
  if (err instanceof ApiError) {
    const reason = reasonOf(err);
    if (reason !== undefined) return { kind: 'errors', errors: [{ row: 0, column: null, code: reason, message: err.message }] };
  }
  return { kind: 'failed', text: errorText(err) };
}

export function ImportPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('enterprises');
  const columns = useAsync(() => api<{ kind: string; columns: string[] }>(`/api/registry/import/${kind}/columns`).then((r) => parseColumns(r.columns)), [kind]);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [check, setCheck] = useState<Outcome>();
  const [result, setResult] = useState<Outcome>();
  const [busy, setBusy] = useState(false);

  function reset(next: Kind = kind): void {
    setKind(next);
    setFile(null);
    setInputKey((k) => k + 1);
    setCheck(undefined);
    setResult(undefined);
  }
  async function send(dryRun: boolean): Promise<Outcome> {
    const form = new FormData();
    form.append('file', file!, file!.name);
    try {
      return { kind: 'report', report: await api<Report>(`/api/registry/import/${kind}?dryRun=${String(dryRun)}`, { method: 'POST', form }) };
    } catch (err) {
      return outcomeOf(err);
    }
  }
  async function runCheck(): Promise<void> {
    setBusy(true);
    setResult(undefined);
    setCheck(await send(true));
    setBusy(false);
  }
  async function apply(): Promise<void> {
    setBusy(true);
    setResult(await send(false));
    setBusy(false);
  }
  const checked = check?.kind === 'report' ? check.report : undefined;
  const applied = result?.kind === 'report' ? result.report : undefined;

  return (
    <>
      <h1>{t('admin.imports.title')}</h1>
      <p className="muted">{t('admin.imports.intro')}</p>
      <Section title={t('admin.imports.kind')} testId="import-kind">
        <label>{t('admin.imports.kind')}{' '}
          <select value={kind} onChange={(e) => reset(e.target.value as Kind)} data-testid="import-kind-select">
            {KINDS.map((k) => <option key={k} value={k}>{t(`admin.imports.kinds.${k}`)}</option>)}
          </select>
        </label>
        <h3>{t('admin.imports.columns')}</h3>
        {columns.error !== undefined && <Failed error={columns.error} retry={columns.reload} />}
        {columns.data === undefined && columns.error === undefined && <Loading />}
        {columns.data !== undefined && (
          <>
            <ul className="plain" data-testid="import-columns">
              {columns.data.map((c) => (
                <li key={c.key}>{c.name} <small className="muted">{c.required ? t('admin.imports.required') : t('admin.imports.optional')}</small></li>
              ))}
            </ul>
            <button type="button" onClick={() => downloadTemplate(columns.data!, `${t(`admin.imports.kinds.${kind}`)}.csv`)} data-testid="import-template">{t('admin.imports.template')}</button>
          </>
        )}
      </Section>
      <Section title={t('admin.imports.file')} testId="import-file">
        <label>{t('admin.imports.file')}{' '}
          <input
            key={inputKey} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setCheck(undefined); setResult(undefined); }} data-testid="import-file-input"
          />
        </label>{' '}
        <button type="button" disabled={file === null || busy} onClick={() => void runCheck()} data-testid="import-check">{t('admin.imports.check')}</button>
        {busy && <span className="muted"> {t('admin.imports.busy')}</span>}
      </Section>
      {check !== undefined && result === undefined && (
        <Section title={t('admin.imports.reportTitle')} testId="import-report">
          {checked !== undefined && (
            <>
              <ul className="plain" data-testid="import-counts">
                <li data-testid="import-will-add">{t('admin.imports.willAdd', { count: checked.inserted })}</li>
                <li data-testid="import-will-change">{t('admin.imports.willChange', { count: checked.updated })}</li>
                <li>{t('admin.imports.unchanged', { count: checked.unchanged })}</li>
              </ul>
              {checked.ignoredColumns.length > 0 && <p className="notice">{t('admin.imports.ignored', { columns: checked.ignoredColumns.join('、') })}</p>}
              {checked.inserted + checked.updated > 0
                ? (
                  <>
                    <p role="status">{t('admin.imports.ready')}</p>
                    <button type="button" disabled={busy} onClick={() => void apply()} data-testid="import-apply">{t('admin.imports.apply')}</button>
                  </>
                )
                : <p role="status">{t('admin.imports.nothingToDo')}</p>}
            </>
          )}
          {check.kind === 'errors' && <Problems errors={check.errors} />}
          {check.kind === 'failed' && <p role="alert" className="error">{check.text}</p>}
        </Section>
      )}
      {result !== undefined && (
        <Section title={t('admin.imports.doneTitle')} testId="import-result">
          {applied !== undefined && (
            <>
              <p role="status" data-testid="import-done">{t('admin.imports.added', { count: applied.inserted })}，{t('admin.imports.updated', { count: applied.updated })}。</p>
              {kind === 'enterprises' && <p><a href="#/enterprises" data-testid="import-view-enterprises">{t('admin.imports.viewEnterprises')}</a></p>}
            </>
          )}
          {result.kind === 'errors' && <Problems errors={result.errors} />}
          {result.kind === 'failed' && <p role="alert" className="error">{result.text}</p>}
          <button type="button" onClick={() => reset()} data-testid="import-again">{t('admin.imports.again')}</button>
        </Section>
      )}
    </>
  );
}

function Problems({ errors }: { errors: readonly RowError[] }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (
    <>
      <p role="alert" className="error" data-testid="import-problems">{t('admin.imports.problems', { count: errors.length })}</p>
      <div className="table-wrap">
        <table data-testid="import-errors">
          <thead>
            <tr><th scope="col">{t('admin.imports.row')}</th><th scope="col">{t('admin.imports.column')}</th><th scope="col">{t('admin.imports.reason')}</th></tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} data-testid="import-error-row">
                <td>{e.row === 0 ? '' : e.row === 1 ? t('admin.imports.wholeFile') : e.row}</td>
                <td>{e.column ?? ''}</td>
                <td title={e.message}>{english ? e.message : t(i18n.exists(`admin.imports.codes.${e.code}`) ? `admin.imports.codes.${e.code}` : 'admin.imports.codes.invalid')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
