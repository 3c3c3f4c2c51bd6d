// 不予行政处罚决定书: the decision not to penalise, on one of two grounds the record keeps apart — a gate that
// says "shall not" (APL 33 ¶1 minor, corrected, harmless; ¶2 no fault; [GD-A2]) or a first-violation waiver
// where the law says "may" (APL 33 ¶1: 初次违法且危害后果轻微并及时改正的，可以不予行政处罚), which names the
// decision maker and the reason given. It states the facts, the article violated, the ground and its article,
// and the remedies (a no-penalty decision is a decision the party may contest).
import { articles, caseDocument, clause, sentence, cnDate, evidenceList, heading, masthead, para, partyBlock, recitals, remedies, signature } from './case-layout.ts';
import type { CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';

export const NO_PENALTY_DECISION_TITLE = '不予行政处罚决定书';

function ground(c: CaseDocumentInput): string {
  const n = c.decision.noPenalty;
  if (n === undefined) return '经审查，你单位的上述违法行为符合法定不予行政处罚的情形，我局决定对你单位不予行政处罚。';
  const basis = articles([n.basis]);
  const decided = n.reason === undefined ? `经${n.decidedBy}审批` : `经${n.decidedBy}决定（理由：${clause(n.reason)}）`;
  if (n.ground === 'waived') {
    return `经查，你单位的上述违法行为${clause(n.gateReason)}。依据${basis}"初次违法且危害后果轻微并及时改正的，可以不予行政处罚"的规定，${decided}，我局决定对你单位不予行政处罚。`;
  }
  return `经查，你单位的上述违法行为${clause(n.gateReason)}。依据${basis}的规定，${decided}，我局决定对你单位不予行政处罚。`;
}

export function noPenaltyDecision(c: CaseDocumentInput): PdfRequest {
  return caseDocument(NO_PENALTY_DECISION_TITLE, c, [
    ...masthead(c.bureau.name, NO_PENALTY_DECISION_TITLE, c.numbers.noPenalty ?? c.numbers.decision),
    partyBlock(c),
    para(`我局于${cnDate(c.filedOn)}对你单位${c.cause}立案调查，现已调查终结。`),
    heading('一、违法事实和证据'),
    para(`经查，${sentence(c.facts)}`),
    ...evidenceList(c),
    para(`你单位的上述行为违反了${articles(c.legalBasis)}的规定，依据${articles(c.penaltyBasis)}的规定应予处罚。`),
    ...recitals(c.legalBasis),
    heading('二、不予行政处罚的理由和依据'),
    para(ground(c)),
    para('你单位应当严格遵守生态环境保护法律法规，杜绝再次发生违法行为；再次违法的，我局将依法从严处理。'),
    heading('三、申请行政复议或者提起行政诉讼的途径和期限'),
    para(remedies(c)),
    signature(c.bureau.name, c.decision.issuedOn),
  ]);
}
