// The public site (issue 5 §9), reachable without login at #/public: typical cases, double-random results
// (sealed until the visits are done, then the units, the officers sent and the outcomes), penalty decisions
// as structured summaries, and the discretion benchmarks in force (APL art. 34). Reads only /api/public/*.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { beijing } from '../../components/format.ts';
import { Failed, Loading, Section } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { switchLanguage } from '../../i18n/index.ts';
import { go, useRoute } from '../../router.ts';
import { TypicalCaseView } from './TypicalCaseView.tsx';
import type { Benchmarks, DecisionSummary, PublicDraw, PublicTypical } from '@ecoenforce/contract';

const TABS = ['typical', 'draws', 'decisions', 'benchmarks'] as const;
type Tab = (typeof TABS)[number];

export function PublicSite() {
  const { t } = useTranslation();
  const route = useRoute();
  const q = route.query.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(q ?? '') ? (q as Tab) : 'typical';
  return (
    <div className="shell public" data-testid="public-site">
      <header className="top">
        <strong className="brand">{t('publicSite.title')}</strong>
        <button type="button" className="link" onClick={switchLanguage} data-testid="lang-switch">{t('user.language')}</button>
        <a href="#/" data-testid="public-login">{t('publicSite.staffLogin')}</a>
      </header>
      <main id="main" className="main" style={{ gridColumn: '1 / -1' }}>
        <p className="muted">{t('publicSite.intro')}</p>
        <div className="tabs" role="tablist">
          {TABS.map((x) => (
            <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'primary' : undefined} onClick={() => go(`/public?tab=${x}`)} data-testid={`public-tab-${x}`}>
              {t(`publicSite.tabs.${x}`)}
            </button>
          ))}
        </div>
        {tab === 'typical' && <TypicalList />}
        {tab === 'draws' && <DrawList />}
        {tab === 'decisions' && <DecisionList />}
        {tab === 'benchmarks' && <BenchmarkList />}
      </main>
    </div>
  );
}

function TypicalList() {
  const { t } = useTranslation();
  const data = useAsync(() => api<{ items: PublicTypical[] }>('/api/public/typical-cases'), []);
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (data.data === undefined) return <Loading />;
  if (data.data.items.length === 0) return <p data-testid="public-typical-none">{t('publicSite.noTypical')}</p>;
  return (
    <>
      {data.data.items.map((c) => (
        <Section key={c.id} title={`${c.batch} · ${c.title}`} testId="public-typical">
          <TypicalCaseView c={c.content} />
        </Section>
      ))}
    </>
  );
}

function DrawList() {
  const { t } = useTranslation();
  const data = useAsync(() => api<{ items: PublicDraw[] }>('/api/public/draws'), []);
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (data.data === undefined) return <Loading />;
  if (data.data.items.length === 0) return <p data-testid="public-draws-none">{t('publicSite.noDraws')}</p>;
  return (
    <>
      {data.data.items.map((d) => (
        <Section key={d.id} title={`${d.regionCode} · ${d.period}`} testId="public-draw">
          <p className="muted">
            {t('publicSite.algorithm', { name: d.commitment.algorithm.name, version: d.commitment.algorithm.version })} · {t('publicSite.drawnAt', { at: beijing(d.commitment.drawnAt) })}
          </p>
          <p><code title={t('publicSite.resultDigest')}>{d.commitment.resultDigest}</code></p>
          {d.voided !== null && <p role="status">{t('publicSite.voided', { reason: d.voided.reason })}</p>}
          {d.view === null ? (
            <p data-testid="public-draw-sealed">{t('publicSite.sealed', { at: beijing(d.commitment.publishableAfter) })}</p>
          ) : (
            <>
              <p>{t('publicSite.seed')}: <code>{d.view.seed}</code></p>
              <div className="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t('publicSite.party')}</th><th scope="col">{t('publicSite.tier')}</th><th scope="col">{t('publicSite.officers')}</th><th scope="col">{t('publicSite.outcome')}</th></tr></thead>
                  <tbody>
                    {d.view.objects.map((o) => (
                      <tr key={o.enterpriseId} data-testid="public-draw-object">
                        <td>{d.view!.enterprises[o.enterpriseId]}（{o.enterpriseId}）</td>
                        <td>{o.tier}{o.keyUnit ? ` · ${t('publicSite.keyUnit')}` : ''}</td>
                        <td>{o.officers.join(', ')}</td>
                        <td>{d.view!.outcomes[o.enterpriseId]?.outcome ?? t('publicSite.pending')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {d.view.offSite.length > 0 && <p>{t('publicSite.offSite')}: {d.view.offSite.map((o) => d.view!.enterprises[o.enterpriseId] ?? o.enterpriseId).join('、')}</p>}
            </>
          )}
        </Section>
      ))}
    </>
  );
}

function DecisionList() {
  const { t } = useTranslation();
  const data = useAsync(() => api<{ items: DecisionSummary[] }>('/api/public/decisions'), []);
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (data.data === undefined) return <Loading />;
  return (
    <Section title={t('publicSite.tabs.decisions')} testId="public-decisions">
      <p className="muted">{t('publicSite.decisionsNote')}</p>
      {data.data.items.length === 0 ? <p>{t('publicSite.noDecisions')}</p> : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('publicSite.caseNumber')}</th><th scope="col">{t('publicSite.party')}</th><th scope="col">{t('publicSite.matter')}</th>
                <th scope="col">{t('publicSite.legalBasis')}</th><th scope="col">{t('publicSite.amount')}</th><th scope="col">{t('publicSite.decidedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.items.map((d) => (
                <tr key={d.caseId} data-testid="public-decision">
                  <td>{d.caseNumber}</td><td>{d.enterpriseName}（{d.uscc}）</td><td>{d.matter.name}</td>
                  <td>{[...new Set([...d.legalBasis, d.penaltyBasis])].filter((x) => x !== '').join('；')}</td><td>{d.amount === null ? '—' : d.amount.toLocaleString()}</td><td>{d.decidedOn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

type PublicPenalty = Benchmarks['matters'][number]['matter']['penalty'];

/** A statutory penalty as the public reads it: yuan for fines, multiples as multiples, days for detention. */
function penaltyZh(p: PublicPenalty, t: (key: string, o?: Record<string, unknown>) => string): string {
  const n = (x: number): string => x.toLocaleString('zh-CN');
  const span = (min: number, max: number): string => (min === max ? n(min) : `${n(min)}–${n(max)}`);
  switch (p.kind) {
    case 'range':
      return t('publicSite.penalty.range', { range: span(p.min, p.max) });
    case 'perInstance':
      return t('publicSite.penalty.perInstance', { range: span(p.min, p.max) });
    case 'maximumOnly':
      return t('publicSite.penalty.maximumOnly', { max: n(p.max) });
    case 'multiple':
      return t(`publicSite.penalty.multiple.${p.of}`, { range: span(p.min, p.max) }) + (p.orRange === undefined ? '' : t('publicSite.penalty.orRange', { range: span(p.orRange.min, p.orRange.max) }));
    case 'daily':
      return t('publicSite.penalty.daily');
    case 'detention':
      return t('publicSite.penalty.detention', { range: span(p.days.min, p.days.max) });
  }
}

function BenchmarkList() {
  const { t, i18n } = useTranslation();
  const data = useAsync(() => api<Benchmarks>('/api/public/benchmarks'), []);
  if (data.error !== undefined) return <Failed error={data.error} retry={data.reload} />;
  if (data.data === undefined) return <Loading />;
  const en = i18n.language === 'en';
  const name = (b: { zh: string; en: string }): string => (en ? b.en : b.zh);
  const matterName = new Map(data.data.matters.map((m) => [m.code, name(m.matter.name)]));
  return (
    <Section title={t('publicSite.tabs.benchmarks')} testId="public-benchmarks">
      <p className="muted">{t('publicSite.benchmarksNote')}</p>
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">{t('publicSite.matter')}</th><th scope="col">{t('publicSite.legalBasis')}</th><th scope="col">{t('publicSite.fineRange')}</th></tr></thead>
          <tbody>
            {data.data.matters.map((m) => (
              <tr key={m.code} data-testid="public-benchmark">
                <td>{name(m.matter.name)}</td>
                <td className="wrap">
                  {/* The article breached and the article punishing it, once when they are the same. */}
                  {m.citations.legalBasis === m.citations.penaltyBasis ? m.citations.penaltyBasis : t('publicSite.breachAndPenalty', { breach: m.citations.legalBasis, penalty: m.citations.penaltyBasis })}
                </td>
                <td>{penaltyZh(m.matter.penalty, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.data.tables.map((tb) => (
        <section key={tb.id} data-testid="public-table" className="public-table">
          <h3>{name(tb.table.label)}</h3>
          <p>{t('publicSite.tableFor', { matters: tb.table.matterCodes.map((c) => matterName.get(c) ?? '').filter((x) => x !== '').join('、') })}</p>
          <p>{t('publicSite.tableRule')}{tb.table.floorPercent > 0 ? t('publicSite.tableFloor', { floor: tb.table.floorPercent }) : ''}</p>
          <p className="muted">{t('publicSite.basis')}：{tb.citations.table}</p>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t('publicSite.factor')}</th><th scope="col">{t('publicSite.levels')}</th><th scope="col">{t('publicSite.basis')}</th></tr></thead>
              <tbody>
                <tr data-testid="public-factor"><td>{t('publicSite.start')}</td><td>{tb.table.start.weight}%</td><td className="wrap">{tb.citations.start}</td></tr>
                {tb.table.factors.map((f) => (
                  <tr key={f.key} data-testid="public-factor">
                    <td>{name(f.label)}</td>
                    <td className="wrap">{f.levels.map((l) => `${name(l.label)}：${l.weight}%`).join('；')}</td>
                    <td className="wrap">{tb.citations.factors[f.key] ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Section>
  );
}
