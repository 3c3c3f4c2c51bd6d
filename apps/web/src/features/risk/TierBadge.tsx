// A risk tier as a coloured badge (the warning severities' colours: high red, medium orange, low grey).
import { useTranslation } from 'react-i18next';
import type { RiskTier } from '@ecoenforce/contract';

export function TierBadge({ tier }: { tier: RiskTier }) {
  const { t } = useTranslation();
  return <span className={`badge sev-${tier}`} data-testid="risk-tier" data-tier={tier}>{t(`risk.tiers.${tier}`)}</span>;
}
