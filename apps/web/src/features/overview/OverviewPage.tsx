// The head's command centre (issue 14): today's warnings, tasks overdue and due today, cases by stage and the
// points online by city, of the head's region, on one screen for a wall display (全屏). Every count links to the
// list it counts where the console has one with that filter (warnings of the day, overdue tasks, cases by state); the page refreshes on live warning and status events and every
// half minute.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, qs } from '../../api/client.ts';
import type { Overview } from '@ecoenforce/contract';
import { beijing } from '../../components/format.ts';
import { useLive } from '../../components/live.ts';
import { Failed, Loading } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import './overview.css';

const REFRESH_MS = 30_000;
/** Live events come in bursts (a status per point): one reload for a burst. */
const LIVE_SETTLE_MS = 3_000;
/** The case states in the order of the procedure (domain CASE_STATES). */
const CASE_ORDER = ['discovered', 'filed', 'investigating', 'advance_notice', 'hearing', 'legal_review', 'collective_discussion', 'decided', 'served', 'paid', 'executed', 'no_penalty', 'transfer_review', 'transfer_approved', 'transferred', 'closed'];
const SEVERITIES = ['high', 'medium', 'low'] as const;

/** One big figure; a link to its list when there is one. */
function Figure({ n, label, href, testId, alert }: { n: number | string; label: string; href?: string | undefined; testId: string; alert?: boolean }) {
  const cls = `overview-n${alert === true ? ' overview-alert' : ''}`;
  return (
    <div className="overview-figure">
      {href === undefined ? <span className={cls} data-testid={testId}>{n}</span> : <a className={cls} href={href} data-testid={testId}>{n}</a>}
      <span className="overview-label">{label}</span>
    </div>
  );
}

function Count({ n, href, testId }: { n: number; href?: string; testId?: string }): ReactNode {
  return href === undefined || n === 0 ? <span data-testid={testId}>{n}</span> : <a href={href} data-testid={testId}>{n}</a>;
}

const percent = (rate: number | null): string => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

export function OverviewPage() {
  const { t } = useTranslation();
  const data = useAsync(() => api<Overview>('/api/overview'), []);
  const root = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { reload } = data;

  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    const onFull = (): void => setFull(document.fullscreenElement !== null && document.fullscreenElement === root.current);
    document.addEventListener('fullscreenchange', onFull);
    return () => {
      clearInterval(timer);
      document.removeEventListener('fullscreenchange', onFull);
      if (pending.current !== null) clearTimeout(pending.current);
    };
  }, [reload]);
  const soon = (): void => {
    if (pending.current !== null) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      reload();
    }, LIVE_SETTLE_MS);
  };
  useLive({ warning: soon, status: soon }, [reload]);

  const toggleFull = (): void => {
    if (document.fullscreenElement !== null) void document.exitFullscreen().catch(() => undefined);
    else void root.current?.requestFullscreen().catch(() => undefined);
  };

  const o = data.data;
  const today = o === undefined ? {} : { from: o.day, to: o.day };
  const warningsHref = (extra: Record<string, string> = {}): string => `#/warnings${qs({ ...today, ...extra })}`;
  const states = o === undefined ? [] : [...o.cases.byState].sort((a, b) => CASE_ORDER.indexOf(a.state) - CASE_ORDER.indexOf(b.state));

  return (
    <div className="overview" ref={root} data-testid="overview">
      <div className="overview-head">
        <h1>{t('overview.title')}</h1>
        {o !== undefined && <span data-testid="overview-scope">{t('overview.scope', { region: o.region.name, day: o.day })}</span>}
        <span className="overview-actions">
          {o !== undefined && <span className="muted" data-testid="overview-updated">{t('overview.updated', { time: beijing(o.at) })}</span>}
          {document.fullscreenEnabled && (
            <button type="button" onClick={toggleFull} aria-pressed={full} data-testid="overview-fullscreen">{t(full ? 'overview.exitFullscreen' : 'overview.fullscreen')}</button>
          )}
        </span>
      </div>
      {data.error !== undefined && <Failed error={data.error} retry={reload} />}
      {o === undefined ? (data.error === undefined && <Loading />) : (
        <>
          <div className="overview-grid overview-main">
            <section className="card" data-testid="overview-warnings">
              <h2>{t('overview.warnings')}</h2>
              <div className="overview-figures">
                <Figure n={o.warnings.total} label={t('overview.warningsTotal')} href={warningsHref()} testId="overview-warnings-total" />
                <Figure n={o.warnings.serious} label={t('overview.serious')} href={warningsHref({ severity: 'high' })} testId="overview-warnings-serious" alert={o.warnings.serious > 0} />
                <Figure n={o.warnings.open} label={t('overview.open')} href={warningsHref({ status: 'new' })} testId="overview-warnings-open" />
                <Figure n={o.warnings.handled} label={t('overview.handled')} testId="overview-warnings-handled" />
              </div>
              {o.warnings.total === 0 ? <p className="muted">{t('overview.noWarnings')}</p> : (
                <div className="overview-grid" style={{ gap: '0.5rem 1rem', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 12rem), 1fr))', alignItems: 'start' }}>
                  <table data-testid="overview-kinds">
                    <thead><tr><th scope="col">{t('overview.byKind')}</th><th scope="col" className="overview-num">{t('overview.count')}</th></tr></thead>
                    <tbody>
                      {o.warnings.byKind.map((k) => (
                        <tr key={k.kind} data-testid="overview-kind" data-kind={k.kind}>
                          <td>{t(`warnings.kinds.${k.kind}`, { defaultValue: t('overview.otherKind') })}</td>
                          <td className="overview-num"><Count n={k.count} href={warningsHref({ kind: k.kind })} /></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <table data-testid="overview-severities">
                    <thead><tr><th scope="col">{t('overview.bySeverity')}</th><th scope="col" className="overview-num">{t('overview.count')}</th></tr></thead>
                    <tbody>
                      {SEVERITIES.map((s) => (
                        <tr key={s} data-testid="overview-severity" data-severity={s}>
                          <td>{t(`warnings.severities.${s}`)}</td>
                          <td className="overview-num"><Count n={o.warnings.bySeverity[s]} href={warningsHref({ severity: s })} /></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>

            <section className="card" data-testid="overview-tasks">
              <h2>{t('overview.tasks')}</h2>
              <div className="overview-figures">
                <Figure n={o.tasks.overdue} label={t('overview.overdue')} href="#/dispatch?overdue=true" testId="overview-tasks-overdue" alert={o.tasks.overdue > 0} />
                <Figure n={o.tasks.dueToday} label={t('overview.dueToday')} testId="overview-tasks-due-today" />
              </div>
            </section>

            <section className="card" data-testid="overview-cases">
              <h2>{t('overview.cases')}</h2>
              <div className="overview-figures">
                <Figure n={o.cases.total} label={t('overview.casesTotal')} href="#/cases" testId="overview-cases-total" />
              </div>
              {states.length === 0 ? <p className="muted">{t('overview.noCases')}</p> : (
                <table data-testid="overview-stages">
                  <thead><tr><th scope="col">{t('overview.stage')}</th><th scope="col" className="overview-num">{t('overview.count')}</th></tr></thead>
                  <tbody>
                    {states.map((s) => (
                      <tr key={s.state} data-testid="overview-stage" data-state={s.state}>
                        <td>{t(`cases.states.${s.state}`)}</td>
                        <td className="overview-num"><Count n={s.count} href={`#/cases${qs({ state: s.state })}`} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>

            <section className="card" data-testid="overview-online">
              <h2>{t('overview.online')}</h2>
              <div className="overview-figures">
                <Figure n={percent(o.online.total.rate)} label={t('overview.rate')} testId="overview-online-rate" />
                <Figure n={`${o.online.total.online} / ${o.online.total.active}`} label={`${t('overview.onlineCount')} / ${t('overview.active')}`} testId="overview-online-count" />
              </div>
              {o.online.cities.length === 0 ? <p className="muted">{t('overview.noPoints')}</p> : (
                <div className="table-wrap">
                  <table data-testid="overview-cities">
                    <thead>
                      <tr>
                        <th scope="col">{t('overview.city')}</th><th scope="col" className="overview-num">{t('overview.active')}</th><th scope="col" className="overview-num">{t('overview.onlineCount')}</th>
                        <th scope="col" className="overview-num">{t('overview.abnormal')}</th><th scope="col" className="overview-num">{t('overview.offline')}</th><th scope="col" className="overview-num">{t('overview.rate')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {o.online.cities.map((c) => (
                        <tr key={c.code} data-testid="overview-city" data-city={c.code}>
                          <td>{c.name}</td><td className="overview-num">{c.active}</td><td className="overview-num">{c.online}</td><td className="overview-num">{c.warning}</td>
                          <td className="overview-num">{c.offline}</td><td className="overview-num"><strong>{percent(c.rate)}</strong></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>

          <section className="card" data-testid="overview-serious">
            <h2>{t('overview.latest')}</h2>
            {o.serious.length === 0 ? <p className="muted">{t('overview.noSerious')}</p> : (
              <div className="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t('overview.raised')}</th><th scope="col">{t('overview.enterprise')}</th><th scope="col">{t('overview.kind')}</th><th scope="col">{t('overview.status')}</th></tr></thead>
                  <tbody>
                    {o.serious.map((w) => (
                      <tr key={w.id} data-testid="overview-serious-row" data-warning={w.id}>
                        <td><a href={`#/warnings/${w.id}`}>{beijing(w.createdAt)}</a></td>
                        <td><a href={`#/enterprises/${w.enterpriseId}`}>{w.enterpriseName}</a></td>
                        <td>{t(`warnings.kinds.${w.kind}`, { defaultValue: t('overview.otherKind') })}</td>
                        <td>{t(`warnings.states.${w.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
