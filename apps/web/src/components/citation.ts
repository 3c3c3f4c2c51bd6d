// Citations on a Chinese screen: the rules carry their sources as short keys for traceability ("GD art. 4(1)",
// "[GD-A1]", "AIR 99(2)"); the console shows the official title and article instead (《中华人民共和国大气污染
// 防治法》第九十九条第二项), with the domain's own table of titles (packages/domain, citation-zh.ts), so the
// console and the served documents cite alike. English screens keep the keys.
import type { ArticleRef } from '@ecoenforce/contract';
import { articleRefsZh, citationZh } from '@ecoenforce/domain';

/** "AIR 99(2)", as the domain's formatArticle writes it (the English screen). */
const articleKey = (a: ArticleRef): string => (a.item === undefined ? `${a.law} ${a.article}` : `${a.law} ${a.article}(${a.item})`);

/** Article references in the console's language: 《…》第九十九条第二项 (Chinese) or "AIR 99(2); AIR 20" (English). */
export function articlesText(refs: readonly ArticleRef[], language: string): string {
  if (refs.length === 0) return '—';
  return language === 'en' ? refs.map(articleKey).join('; ') : articleRefsZh(refs);
}

/**
 * A rule's source key in the console's language: the official citations it names (Chinese), or the key as
 * it is (English). A Chinese screen shows nothing for a source that names no law a reader can look up (a
 * research note such as "rules.md rule 4" or "[W13]"): '—'.
 */
export function sourceText(source: string | undefined, language: string): string {
  if (source === undefined || source === '') return '—';
  if (language === 'en') return source;
  const zh = citationZh(source);
  return zh === '' ? '—' : zh;
}

/** A source cited after a sentence: 〔《…》第…条〕 on a Chinese screen, " [KEY]" on an English one, '' for none. */
export function citeText(source: string | undefined, language: string): string {
  const text = sourceText(source, language);
  if (text === '—') return '';
  return language === 'en' ? ` [${text}]` : `〔${text}〕`;
}
