// Citations as a document served on a party writes them: the official Chinese title of the law or rule and its
// article in Chinese numerals (《广东省生态环境行政处罚自由裁量权规定》第四条第一项). The rules carry their
// sources as short keys for traceability (rules.md's source key: "GD art. 4(1)", "[GD-A1]", "APL 33 ¶1");
// those keys, file names and research notes never reach a served document.
import type { ArticleRef } from './matters.ts';

/** Official titles of the sources the rules cite, by their key (rules.md § Source key). */
export const SOURCE_TITLES_ZH: Readonly<Record<string, string>> = {
  EPL: '《中华人民共和国环境保护法》',
  AIR: '《中华人民共和国大气污染防治法》',
  WAT: '《中华人民共和国水污染防治法》',
  APL: '《中华人民共和国行政处罚法》',
  PRM: '《排污许可管理条例》',
  CET: '《碳排放权交易管理暂行条例》',
  TRF: '《行政执法机关移送涉嫌犯罪案件的规定》',
  JI23: '《最高人民法院 最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释》',
  CL11: '《中华人民共和国刑法修正案（十一）》',
  DPM: '《环境保护主管部门实施按日连续处罚办法》',
  EPM10: '《环境行政处罚办法》',
  OSI: '《污染源自动监控设施现场监督检查办法》',
  OPS: '《污染源自动监控设施运行管理办法》',
  LNK: '《环境保护行政执法与刑事司法衔接工作办法》',
  GD: '《广东省生态环境行政处罚自由裁量权规定》',
  'GD-A1': '《广东省生态环境违法行为行政处罚罚款金额裁量表》',
  'GD-A2': '《广东省生态环境不予行政处罚的轻微违法行为目录》',
  W13: '《关于进一步规范适用环境行政处罚自由裁量权的指导意见》（环执法〔2019〕42号）',
  W12: '《生态环境行政处罚办法》',
  CPL: '《中华人民共和国民事诉讼法》',
  B13271: '《锅炉大气污染物排放标准》（GB 13271—2014）',
  B18918: '《城镇污水处理厂污染物排放标准》（GB 18918—2002）',
};

/** An article reference of the catalogue as cited: 《中华人民共和国大气污染防治法》第九十九条第二项. */
export function articleRefZh(a: Pick<ArticleRef, 'law' | 'article' | 'item'>): string {
  return `${SOURCE_TITLES_ZH[a.law] ?? a.law}第${cnNumber(a.article)}条${a.item === undefined ? '' : `第${cnNumber(a.item)}项`}`;
}

/** Several references, the title once per law: 《中华人民共和国大气污染防治法》第二十条、第九十九条第三项. */
export function articleRefsZh(refs: ReadonlyArray<Pick<ArticleRef, 'law' | 'article' | 'item'>>): string {
  const byLaw = new Map<string, string[]>();
  for (const a of refs) {
    const articles = byLaw.get(a.law) ?? [];
    const one = articleRefZh(a).slice((SOURCE_TITLES_ZH[a.law] ?? a.law).length);
    if (!articles.includes(one)) articles.push(one);
    byLaw.set(a.law, articles);
  }
  return [...byLaw].map(([law, articles]) => `${SOURCE_TITLES_ZH[law] ?? law}${articles.join('、')}`).join('；');
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–999 as statutes number their articles: 99 → 九十九, 100 → 一百, 105 → 一百零五, 12 → 十二. */
export function cnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  let out = h > 0 ? `${DIGITS[h]}百` : '';
  if (t > 0) out += `${h === 0 && t === 1 ? '' : DIGITS[t]}十`;
  else if (h > 0 && u > 0) out += '零';
  if (u > 0) out += DIGITS[u];
  return out;
}

const KEYS = Object.keys(SOURCE_TITLES_ZH).sort((a, b) => b.length - a.length).map((k) => k.replace('-', '\\-')).join('|');
/** One article: "4(1)", "33 ¶1", or a range of articles "19–20". */
const ONE = String.raw`\d+(?:\(\d+\))?(?:\s*¶\d+)?(?:\s*[–-]\s*\d+)?`;
/**
 * A key, then optionally "art." and articles ("GD art. 4(1)", "APL 33 ¶1", "GD art. 21, 22", "OSI 19–20") or a
 * standard's table ("B13271 Table 6").
 */
const CITATION = new RegExp(String.raw`(?<![\w-])(${KEYS})(?![\w-])(?:\s+(?:(?:art\.\s*)?(${ONE}(?:\s*,\s*${ONE})*)|Table\s+(\d+)))?`, 'g');
const ARTICLE = /^(\d+)(?:\((\d+)\))?(?:\s*¶(\d+))?(?:\s*[–-]\s*(\d+))?/;

/** "4(1)" → 第四条第一项, "33 ¶1" → 第三十三条第一款, "19–20" → 第十九条至第二十条. */
function articleZh(ref: string): string {
  const m = ARTICLE.exec(ref);
  if (m === null) return '';
  const first = `第${cnNumber(Number(m[1]))}条${m[3] === undefined ? '' : `第${cnNumber(Number(m[3]))}款`}${m[2] === undefined ? '' : `第${cnNumber(Number(m[2]))}项`}`;
  return m[4] === undefined ? first : `${first}至第${cnNumber(Number(m[4]))}条`;
}

/**
 * The official citations in a source text, in order and each once, joined by "；"; '' when it names no
 * source a party can look up (a research note, "rules.md §4", a test's "input").
 */
export function citationZh(source: string): string {
  const out: string[] = [];
  for (const m of source.matchAll(CITATION)) {
    const title = SOURCE_TITLES_ZH[m[1]!]!;
    const articles = m[3] !== undefined ? `表${m[3]}` : m[2] === undefined ? '' : m[2].split(',').map((a) => articleZh(a.trim())).join('、');
    const cite = `${title}${articles}`;
    if (!out.includes(cite)) out.push(cite);
  }
  // A bare title cited beside the same title with articles says nothing more.
  return out.filter((c) => !(c.endsWith('》') && out.some((o) => o !== c && o.startsWith(c)))).join('；');
}
