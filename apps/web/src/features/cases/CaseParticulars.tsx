// The case's written particulars as entered when it was opened (issue 14 §10): the party, the matter by name,
// 案件来源, 案由, 违法事实, the evidence and the proposed investigators by name, and the printable case file (卷宗).
import { useTranslation } from 'react-i18next';
import { Section } from '../../components/ui.tsx';
import type { CaseDetail } from '@ecoenforce/contract';

export function CaseParticulars({ c }: { c: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const d = c.details;
  const none = <span className="muted">{t('caseFile.notEntered')}</span>;
  const proposed = (d.proposedOfficers ?? []).map((id) => c.staff.find((s) => s.id === id)?.displayName ?? t('caseFile.unknownUser'));
  return (
    <Section title={t('caseFile.particulars')} testId="case-particulars">
      <dl className="facts">
        <dt>{t('caseFile.party')}</dt><dd data-testid="case-party"><a href={`#/enterprises/${c.enterpriseId}`}>{c.enterpriseName}</a></dd>
        <dt>{t('caseFile.matter')}</dt><dd data-testid="case-matter-name">{c.matter.name[lang]}</dd>
        <dt>{t('caseFile.source')}</dt><dd data-testid="case-source">{d.source || none}</dd>
        <dt>{t('caseFile.cause')}</dt><dd className="wrap" data-testid="case-cause">{d.cause || none}</dd>
        <dt>{t('caseFile.facts')}</dt><dd className="wrap" data-testid="case-facts">{d.facts || none}</dd>
        {d.evidence.length > 0 && <><dt>{t('caseFile.evidence')}</dt><dd><ol>{d.evidence.map((e, i) => <li key={i}>{e.name}{e.detail ? `（${e.detail}）` : ''}</li>)}</ol></dd></>}
        {proposed.length > 0 && <><dt>{t('caseFile.proposedOfficers')}</dt><dd data-testid="case-proposed-officers">{proposed.join('、')}</dd></>}
      </dl>
      <p><a href={`/api/cases/${c.id}/dossier.pdf`} target="_blank" rel="noreferrer" data-testid="case-dossier">{t('caseFile.dossier')}</a></p>
    </Section>
  );
}
