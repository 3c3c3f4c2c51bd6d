// The enforcement catalogue (执法事项, issue 5 §4) and the discretion benchmarks (§6): every matter with its
// legal and penalty basis, statutory range, who decides and the responsible post, at the version in force;
// each matter's history; the benchmark tables factor by factor; a fine calculator that shows how the engine
// reaches its amount; and the fault-tolerance list. Admins (rules.write) edit; every edit is a new version.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { Principal, Role } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { DiscretionTables } from './DiscretionTableView.tsx';
import { FaultTolerance } from './FaultTolerance.tsx';
import { FineCalculator } from './FineCalculator.tsx';
import { MatterEditor } from './MatterEditor.tsx';
import type { DiscretionTableList, StoredMatter } from '@ecoenforce/contract';
import { penaltyText } from './types.ts';
import { articlesText } from '../../components/citation.ts';
import { errorText } from '../../api/errors.ts';

/** Roles with the 'rules.write' permission (apps/server/src/access/model.ts). */
const WRITERS: readonly Role[] = ['admin'];

export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const me = useAsync(() => api<{ user: Principal }>('/api/auth/me'), []);
  const writer = me.data !== undefined && WRITERS.includes(me.data.user.role);
  const [showRetired, setShowRetired] = useState(false);
  const matters = useAsync(() => api<{ items: StoredMatter[] }>(`/api/matters${qs({ includeRetired: showRetired ? 'true' : undefined })}`), [showRetired]);
  const tables = useAsync(() => api<DiscretionTableList>('/api/discretion-tables'), []);
  const [editing, setEditing] = useState<StoredMatter | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function retire(m: StoredMatter): Promise<void> {
    const reason = window.prompt(t('catalogue.retireReason', { code: m.code }));
    if (reason === null || reason.trim() === '') return;
    setError(null);
    try {
      await api(`/api/matters/${encodeURIComponent(m.code)}/retire`, { method: 'POST', body: { baseVersion: m.version, reason } });
      matters.reload();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const decider = (m: StoredMatter['matter']): string =>
    `${t(`catalogue.authority.${m.decidedBy.authority}`)} · ${m.decidedBy.level === null ? t('catalogue.levelUnstated') : t(`catalogue.level.${m.decidedBy.level}`)}`;
  const inForce = (matters.data?.items ?? []).filter((m) => !m.retired);
  /** A discretion table by its label (its id when the list has not come yet). */
  const tableName = (id: string): string => tables.data?.items.find((x) => x.id === id)?.table.label[lang] ?? id;

  return (
    <div>
      <h1>{t('catalogue.title')}</h1>
      <p className="muted">{t('catalogue.intro')}</p>
      {error !== null && <p role="alert" className="error" data-testid="catalogue-error">{error}</p>}
      <div className="filters">
        <label>
          <input type="checkbox" checked={showRetired} onChange={(e) => setShowRetired(e.target.checked)} data-testid="catalogue-show-retired" /> {t('catalogue.showRetired')}
        </label>
        {writer && <button type="button" onClick={() => setEditing('new')} data-testid="matter-new">{t('catalogue.newMatter')}</button>}
        <a className="button" href="/api/public/benchmarks" target="_blank" rel="noreferrer">{t('catalogue.published')}</a>
      </div>
      {editing !== null && tables.data !== undefined && (
        <MatterEditor
          key={editing === 'new' ? 'new' : `${editing.code}@${editing.version}`}
          stored={editing === 'new' ? null : editing}
          tables={tables.data.items}
          onSaved={() => {
            setEditing(null);
            matters.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {historyOf !== null && <MatterHistory code={historyOf} onClose={() => setHistoryOf(null)} />}
      {matters.error !== undefined && <Failed error={matters.error} retry={matters.reload} />}
      {matters.data === undefined ? <Loading /> : (
        <div className="table-wrap">
          <table data-testid="matters-table">
            <thead>
              <tr>
                <th scope="col">{t('catalogue.code')}</th><th scope="col">{t('catalogue.name')}</th><th scope="col">{t('catalogue.legalBasis')}</th>
                <th scope="col">{t('catalogue.penaltyBasis')}</th><th scope="col">{t('catalogue.range')}</th><th scope="col">{t('catalogue.decider')}</th>
                <th scope="col">{t('catalogue.post')}</th><th scope="col">{t('catalogue.version')}</th><th scope="col">{t('permitEdit.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {matters.data.items.map((s) => (
                <tr key={s.code} data-testid="matter-row" data-code={s.code}>
                  <td><code>{s.code}</code></td>
                  <td style={{ whiteSpace: 'normal' }}>{s.matter.name[lang]}</td>
                  <td style={{ whiteSpace: 'normal' }}>{articlesText(s.matter.legalBasis, i18n.language)}</td>
                  <td style={{ whiteSpace: 'normal' }}>{articlesText([s.matter.penaltyBasis], i18n.language)}{s.matter.discretionTableId === null ? '' : ` · ${tableName(s.matter.discretionTableId)}`}</td>
                  <td data-testid="matter-range">{penaltyText(s.matter.penalty, t)}</td>
                  <td>{decider(s.matter)}</td>
                  <td style={{ whiteSpace: 'normal' }}>{s.matter.responsiblePost[lang]}</td>
                  <td data-testid="matter-version">{t('catalogue.versionN', { n: s.version })}{s.retired && <> · <strong>{t('catalogue.retired')}</strong></>}</td>
                  <td>
                    <div className="tabs">
                      <button type="button" onClick={() => setHistoryOf(s.code)} data-testid="matter-history">{t('catalogue.history')}</button>
                      {writer && <button type="button" onClick={() => setEditing(s)} data-testid="matter-edit">{t('permitEdit.edit')}</button>}
                      {writer && !s.retired && <button type="button" onClick={() => void retire(s)} data-testid="matter-retire">{t('catalogue.retire')}</button>}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {tables.error !== undefined && <Failed error={tables.error} retry={tables.reload} />}
      {tables.data !== undefined && (
        <>
          <DiscretionTables list={tables.data} writer={writer} onSaved={tables.reload} />
          {matters.data !== undefined && <FineCalculator matters={inForce} tables={tables.data} />}
        </>
      )}
      <FaultTolerance writer={writer} />
    </div>
  );
}

function MatterHistory({ code, onClose }: { code: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const h = useAsync(() => api<{ items: StoredMatter[] }>(`/api/matters/${encodeURIComponent(code)}/history`), [code]);
  return (
    <Section title={t('catalogue.historyOf', { code })} testId="matter-history-panel">
      {h.error !== undefined && <Failed error={h.error} retry={h.reload} />}
      {h.data === undefined ? <Loading /> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalogue.version')}</th><th scope="col">{t('catalogue.savedAt')}</th><th scope="col">{t('catalogue.savedBy')}</th>
                <th scope="col">{t('catalogue.name')}</th><th scope="col">{t('catalogue.range')}</th><th scope="col">{t('catalogue.note')}</th>
              </tr>
            </thead>
            <tbody>
              {h.data.items.map((v) => (
                <tr key={v.version} data-testid="matter-history-row">
                  <td>{t('catalogue.versionN', { n: v.version })}{v.retired ? ` · ${t('catalogue.retired')}` : ''}</td>
                  <td>{beijing(v.createdAt).slice(0, 16)}</td>
                  <td>{v.createdByName ?? t('catalogue.seed')}</td>
                  <td style={{ whiteSpace: 'normal' }}>{v.matter.name[lang]}</td>
                  <td>{penaltyText(v.matter.penalty, t)}</td>
                  <td style={{ whiteSpace: 'normal' }}>{v.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" onClick={onClose}>{t('permitEdit.cancel')}</button>
    </Section>
  );
}
