// One typical case's redacted content: shared by the public site and the staff preview before publishing.
import { useTranslation } from 'react-i18next';
import type { TypicalContent } from '@ecoenforce/contract';

export function TypicalCaseView({ c }: { c: TypicalContent }) {
  const { t } = useTranslation();
  return (
    <dl className="facts" data-testid="typical-content">
      <dt>{t('publicSite.caseNumber')}</dt><dd>{c.caseNumber}</dd>
      <dt>{t('publicSite.party')}</dt><dd>{c.enterpriseName}（{c.uscc}）</dd>
      <dt>{t('publicSite.matter')}</dt><dd>{c.matter.name}</dd>
      <dt>{t('publicSite.cause')}</dt><dd>{c.cause}</dd>
      <dt>{t('publicSite.facts')}</dt><dd data-testid="typical-facts">{c.facts}</dd>
      {c.evidence.length > 0 && <><dt>{t('publicSite.evidence')}</dt><dd>{c.evidence.join('；')}</dd></>}
      <dt>{t('publicSite.legalBasis')}</dt><dd>{[...new Set([...c.legalBasis, c.penaltyBasis])].filter((x) => x !== '').join('；')}</dd>
      {c.correction !== null && <><dt>{t('publicSite.correction')}</dt><dd>{c.correction}</dd></>}
      <dt>{t('publicSite.amount')}</dt><dd>{c.amount === null ? '—' : c.amount.toLocaleString()}</dd>
      <dt>{t('publicSite.decidedOn')}</dt><dd>{c.decidedOn ?? '—'}</dd>
    </dl>
  );
}
