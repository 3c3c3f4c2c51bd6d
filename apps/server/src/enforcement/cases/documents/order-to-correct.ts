// 责令改正违法行为决定书: the order to correct, issued with (and independent of) the penalty (issue 5 §5,
// §7). It states the facts, the evidence, the article violated, what to do by when, and the remedies.
import { articles, caseDocument, clause, sentence, cnDate, evidenceList, masthead, para, partyBlock, recitals, remedies, signature } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const ORDER_TO_CORRECT_TITLE = '责令改正违法行为决定书';

export function orderToCorrect(c: CaseDocumentInput): PdfRequest {
  return caseDocument(ORDER_TO_CORRECT_TITLE, c, [
    ...masthead(c.bureau.name, ORDER_TO_CORRECT_TITLE, c.numbers.order),
    partyBlock(c),
    para(`我局于${cnDate(c.discoveredOn)}发现你单位存在环境违法行为，经调查核实：${sentence(c.facts)}`),
    ...evidenceList(c),
    para(`你单位的上述行为违反了${articles(c.legalBasis)}的规定。`),
    ...recitals(c.legalBasis),
    para(`依据${articles(c.penaltyBasis)}的规定，我局责令你单位：${clause(c.correction.requirement)}，并于${cnDate(c.correction.deadline)}前改正完毕，将改正情况书面报告我局。我局将对改正情况进行复查；拒不改正的，依法予以处理。`),
    para(remedies(c)),
    signature(c.bureau.name, c.correction.issuedOn),
  ]);
}
