// What a served document says, checked over every template without rendering: citations by official title and
// article, never a source key, file name or English word; punctuation right whatever the officers typed (a
// requirement ending in "。" once made "稳定达标排放。，并于"); the discretion table's sources and steps in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFine, findMatter, findTable, type FactorFact } from '@ecoenforce/domain';
import { CASE_DOCUMENTS, caseDocumentRequest, type CaseDocumentInput, type CaseDocumentKind } from '../src/enforcement/cases/documents/documents.ts';
import { discretionOf } from '../src/enforcement/cases/case-documents.ts';
import { worked } from './case-document-fixtures.ts';
import { WORKED_FINE } from './case-fixtures.ts';

/** Every string of a pdfmake definition's content, in order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) if (['text', 'ol', 'ul', 'stack', 'columns', 'table', 'body', 'content'].includes(k)) texts(v, out);
  }
  return out;
}

const documentText = (kind: CaseDocumentKind, input: CaseDocumentInput): string => texts(caseDocumentRequest(kind, input).doc.content).join('\n');

/** The worked case with every free-text field ending in punctuation, as officers type them. */
function punctuated(): CaseDocumentInput {
  const c = worked();
  return {
    ...c,
    facts: `${c.facts.replace(/。$/, '')}。`,
    evidence: c.evidence.map((e) => ({ ...e, name: `${e.name}；`, ...(e.detail === undefined ? {} : { detail: `${e.detail}。` }) })),
    correction: { ...c.correction, requirement: '立即停止超标排放，确保污染防治设施正常运行、稳定达标排放。' },
    review: { ...c.review!, opinion: '事实清楚，证据充分。' },
    closing: { ...c.closing!, result: `${c.closing!.result}。`, execution: `${c.closing!.execution}；`, reason: '当事人已注销。' },
    decision: {
      ...c.decision,
      payment: `${c.decision.payment.replace(/。$/, '')}。`,
      statementAndReview: '你单位提出陈述申辩，我局经复核不予采纳。',
      noPenalty: { ground: 'waived', basis: { law: '《中华人民共和国行政处罚法》', article: '第三十三条第一款' }, gateReason: '系初次违法，危害后果轻微，并已及时改正。', decidedBy: '本机关负责人张三', reason: '已于当日完成整改。' },
    },
  };
}

/** The same with no closing punctuation at all. */
function bare(): CaseDocumentInput {
  const c = punctuated();
  const strip = (s: string): string => s.replace(/[。；]$/, '');
  return {
    ...c,
    facts: strip(c.facts),
    evidence: c.evidence.map((e) => ({ ...e, name: strip(e.name), ...(e.detail === undefined ? {} : { detail: strip(e.detail) }) })),
    correction: { ...c.correction, requirement: strip(c.correction.requirement) },
    review: { ...c.review!, opinion: strip(c.review!.opinion!) },
    closing: { ...c.closing!, result: strip(c.closing!.result), execution: strip(c.closing!.execution), reason: strip(c.closing!.reason!) },
    decision: { ...c.decision, payment: strip(c.decision.payment), statementAndReview: strip(c.decision.statementAndReview!), noPenalty: { ...c.decision.noPenalty!, gateReason: strip(c.decision.noPenalty!.gateReason), reason: strip(c.decision.noPenalty!.reason!) } },
  };
}

const DOUBLED = /[。，；：、][。，；：、）]|（[。，；：、]|（）/u;
const INTERNAL = /rules\.md|\[[A-Z]|\bGD\b|GD-A|\bart\.|¶|[A-Za-z]{3,}/u;

for (const kind of Object.keys(CASE_DOCUMENTS) as CaseDocumentKind[]) {
  void test(`${CASE_DOCUMENTS[kind].title}: punctuation right whether the officers' text ends in a full stop or not`, () => {
    for (const [name, input] of [['punctuated', punctuated()], ['bare', bare()]] as const) {
      const text = documentText(kind, input);
      const bad = DOUBLED.exec(text);
      assert.equal(bad, null, `${name}: "${bad === null ? '' : text.slice(Math.max(0, bad.index - 20), bad.index + 10)}"`);
      const internal = INTERNAL.exec(text);
      assert.equal(internal, null, `${name}: "${internal === null ? '' : text.slice(Math.max(0, internal.index - 20), internal.index + 20)}"`);
    }
  });
}

void test('the order to correct reads "…稳定达标排放，并于…" once the requirement is placed in its sentence', () => {
  const text = documentText('order_to_correct', punctuated());
  assert.ok(text.includes('我局责令你单位：立即停止超标排放，确保污染防治设施正常运行、稳定达标排放，并于'), text);
});

void test('the discretion table of a computed fine cites official titles and articles, and words its steps in Chinese', () => {
  const matter = findMatter('AIR-99-2')!;
  const fine = computeFine({ matter, table: findTable(matter.discretionTableId!)!, facts: structuredClone(WORKED_FINE.facts) as unknown as Record<string, FactorFact> });
  assert.ok(fine.ok);
  const d = discretionOf(fine.explanation, matter);
  assert.equal(d.benchmark, '《广东省生态环境行政处罚自由裁量权规定》');
  for (const r of d.rows) {
    assert.doesNotMatch(`${r.factor} ${r.level} ${r.article}`, INTERNAL, JSON.stringify(r));
    assert.match(r.article, /^《/, JSON.stringify(r));
  }
  // The exceedance multiple's band comes from the fine-amount table.
  assert.equal(d.rows.find((r) => r.factor === '超标倍数')?.article, '《广东省生态环境违法行为行政处罚罚款金额裁量表》');

  // A range-mode matter: the class in Chinese, and the statutory minimum step worded, not the engine's English.
  const range = findMatter('AIR-100')!;
  const mitigated = computeFine({ matter: range, circumstance: 'mitigated', proposedAmount: 30_000 });
  assert.ok(mitigated.ok);
  const rd = discretionOf(mitigated.explanation, range);
  assert.deepEqual(rd.rows.map((r) => [r.factor, r.level]), [['裁量情形', '从轻']]);
  for (const r of rd.rows) assert.doesNotMatch(`${r.factor} ${r.level} ${r.article}`, INTERNAL);
  const apologised = computeFine({ matter: range, circumstance: 'ordinary', apology: { correctedBeforeDecision: true, apologisedPublicly: true, pledged: true, reductionPercent: 30 } });
  assert.ok(apologised.ok);
  const ad = discretionOf(apologised.explanation, range);
  assert.match(ad.note ?? '', /^另：.*公开赔礼道歉.*罚款为77,000元（依据《广东省生态环境行政处罚自由裁量权规定》第十四条）。$/);
  assert.doesNotMatch(ad.note ?? '', INTERNAL);
});
