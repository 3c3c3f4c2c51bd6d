// One enterprise: registry facts, outlets with their points, status and latest values, and its discharge permits.
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { EnterpriseDetail, PointSummary, Role } from '@ecoenforce/contract';
import { beijing, num, unitText } from '../../components/format.ts';
import { Failed, Loading, Section, StatusBadge } from '../../components/ui.tsx';
import { useAsync } from '../../components/useAsync.ts';
import { OutletPoint } from './OutletPoint.tsx';
import { ComplianceGrid } from './ComplianceGrid.tsx';
import { RiskPanel } from './RiskPanel.tsx';
import { AnnualPanel } from './AnnualPanel.tsx';
import { PermitEditor } from './PermitEditor.tsx';

/** Roles that see the legal representative: the bureau's, who name the party in the case documents. */
const BUREAU: readonly Role[] = ['officer', 'dispatcher', 'analyst', 'legalReviewer', 'head', 'admin'];
/**
 * The verifier may read the registry only, not monitoring data (apps/server/src/access/model.ts): its page shows
 * no point details, live updates, grid, risk or annual totals, so that it makes no call the server refuses.
 */
const seesMonitoring = (role: Role | undefined): boolean => role !== 'verifier';

export function EnterprisePage({ id, role }: { id: number; role?: Role }) {
  const { t } = useTranslation();
  const e = useAsync(() => api<EnterpriseDetail>(`/api/enterprises/${id}`), [id]);
  if (e.error !== undefined) return <Failed error={e.error} retry={e.reload} />;
  const d = e.data;
  if (d === undefined) return <Loading />;
  const outletCode = (outletId: number): string => d.outlets.find((o) => o.id === outletId)?.code ?? String(outletId);
  const monitoring = seesMonitoring(role);
  return (
    <div>
      <h1 data-testid="enterprise-name">{d.name}</h1>
      <dl className="facts">
        <dt>{t('enterprise.uscc')}</dt><dd><code>{d.uscc}</code></dd>
        <dt>{t('points.region')}</dt><dd>{d.regionName} ({d.regionCode})</dd>
        <dt>{t('enterprise.industry')}</dt><dd data-testid="enterprise-industry">{d.industryCode === null ? t(`industry.${d.industry}`, { defaultValue: d.industry }) : `${d.industryCode} ${d.industryName ?? ''}`.trim()}</dd>
        <dt>{t('enterprise.category')}</dt><dd>{d.managementCategory === null ? '—' : t(`category.${d.managementCategory}`, { defaultValue: d.managementCategory })}</dd>
        <dt>{t('enterprise.address')}</dt><dd>{d.address}</dd>
        {role !== undefined && BUREAU.includes(role) && (
          <><dt>{t('enterprise.legalRepresentative')}</dt><dd data-testid="legal-representative">{d.legalRepresentative ?? <span className="muted">{t('enterprise.notRecorded')}</span>}</dd></>
        )}
        <dt>{t('enterprise.flags')}</dt>
        <dd>{[d.keyAir && t('enterprise.keyAir'), d.keyWater && t('enterprise.keyWater'), d.carbonKeyEmitter && t('enterprise.carbon')].filter(Boolean).join(' · ') || '—'}</dd>
      </dl>
      {!monitoring && <p className="muted" role="note" data-testid="verifier-note">{t('verifier.enterpriseNote')}</p>}
      <Section title={t('enterprise.outlets')} testId="outlets">
        {d.outlets.map((o) => (
          <div key={o.id} className="outlet">
            <h3>{o.code} {o.name} <small>{t(`kind.${o.kind}`)}</small></h3>
            {o.points.length === 0 ? <p className="muted">{t('enterprise.noPoints')}</p> : o.points.map((p) => (monitoring ? <OutletPoint key={p.id} point={p} /> : <RegistryPoint key={p.id} point={p} />))}
          </div>
        ))}
      </Section>
      {monitoring && (
        <>
          <ComplianceGrid enterpriseId={id} />
          <RiskPanel enterpriseId={id} />
          <AnnualPanel enterpriseId={id} />
        </>
      )}
      <Section title={t('enterprise.permits')} testId="permits">
        {d.permits.length === 0 ? <p>{t('enterprise.noPermit')}</p> : d.permits.map((p) => (
          <div key={p.id}>
            <p>
              {t('enterprise.permitNo')} <code>{p.number}</code> · {t('enterprise.validity')} {beijing(p.validFrom).slice(0, 10)} – {beijing(p.validTo - 1).slice(0, 10)} ·{' '}
              <strong>{p.inForce ? t('enterprise.inForce') : t('enterprise.notInForce')}</strong> · {p.issuer}
            </p>
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">{t('points.outlet')}</th><th scope="col">{t('point.factor')}</th><th scope="col">{t('enterprise.limit')}</th><th scope="col">{t('enterprise.basis')}</th></tr></thead>
                <tbody>
                  {p.limits.map((l) => (
                    <tr key={`${l.outletId}-${l.factor}-${l.basis}`}>
                      <td>{outletCode(l.outletId)}</td><td>{l.factorName}</td>
                      <td>{num(l.limit)} {unitText(l.unit)}{l.referenceO2 === null ? '' : t('compliance.refO2', { o2: l.referenceO2 })}</td><td>{t(`basis.${l.basis}`, { defaultValue: l.basis })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </Section>
      <PermitEditor enterpriseId={id} />
    </div>
  );
}

/** A point as the registry has it (the enterprise detail): no link to the point page, which needs monitoring data. */
function RegistryPoint({ point }: { point: PointSummary }) {
  const { t } = useTranslation();
  return (
    <p className="outlet-point" data-testid={`enterprise-point-${point.id}`}>
      {t('points.mn')} {point.mn} <StatusBadge status={point.status} />{' '}
      <span className="muted">{t('points.lastFrame')} {beijing(point.lastFrameAt)}</span>
    </p>
  );
}
