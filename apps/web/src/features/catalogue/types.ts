// Catalogue helpers of the console: how an article and a statutory penalty are written. The API's shapes
// (matters, tables, fault-tolerance entries, previews) are @ecoenforce/contract, catalogue.ts.
import type { ArticleRef, StatutoryPenalty } from '@ecoenforce/contract';

/** "AIR 99(2)", as the domain's formatArticle writes it. */
export const article = (a: ArticleRef): string => (a.item === undefined ? `${a.law} ${a.article}` : `${a.law} ${a.article}(${a.item})`);

export const yuan = (v: number): string => Math.round(v).toLocaleString('en-US');

/** The statutory penalty in a line: "100,000–1,000,000", "1–3 × direct loss", "daily", "detention 10–15 d". */
export function penaltyText(p: StatutoryPenalty, t: (key: string, o?: Record<string, unknown>) => string): string {
  switch (p.kind) {
    case 'range':
      return `${yuan(p.min)}–${yuan(p.max)}`;
    case 'perInstance':
      return t('catalogue.perInstance', { range: `${yuan(p.min)}–${yuan(p.max)}` });
    case 'maximumOnly':
      return t('catalogue.maximumOnly', { max: yuan(p.max) });
    case 'multiple':
      // One fixed share (WAT 94: 20 % of the direct loss) reads as a percentage, not as '0.2–0.2 times'.
      return (p.min === p.max && p.min < 1
        ? t(`catalogue.share.${p.of}`, { percent: Math.round(p.min * 1000) / 10 })
        : t(`catalogue.multiple.${p.of}`, { range: p.min === p.max ? `${p.min}` : `${p.min}–${p.max}` })) + (p.orRange === undefined ? '' : ` / ${yuan(p.orRange.min)}–${yuan(p.orRange.max)}`);
    case 'daily':
      return t('catalogue.daily');
    case 'detention':
      return t('catalogue.detention', { min: p.days.min, max: p.days.max });
  }
}
