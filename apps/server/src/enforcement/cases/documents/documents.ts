// The documents of a penalty case (issue 5 §5), each a pdfmake definition in Chinese made from one
// validated CaseDocumentInput and rendered by the worker pool (renderer.ts). Templates are one file each.
import { advanceNotice, ADVANCE_NOTICE_TITLE } from './advance-notice.ts';
import { caseFilingForm, CASE_FILING_TITLE } from './case-filing.ts';
import { parseCaseDocumentInput, type CaseDocumentInput } from './case-input.ts';
import type { PdfRequest } from '../../../platform/pdf/frames.ts';
import { orderToCorrect, ORDER_TO_CORRECT_TITLE } from './order-to-correct.ts';
import { noPenaltyDecision, NO_PENALTY_DECISION_TITLE } from './no-penalty-decision.ts';
import { penaltyDecision, PENALTY_DECISION_TITLE } from './penalty-decision.ts';
import { serviceReceipt, SERVICE_RECEIPT_TITLE } from './service-receipt.ts';
import { paymentVoucher, PAYMENT_VOUCHER_TITLE } from './payment-voucher.ts';
import { closingReport, CLOSING_REPORT_TITLE } from './closing-report.ts';
import { legalReviewOpinion, LEGAL_REVIEW_OPINION_TITLE } from './legal-review-opinion.ts';

export type { CaseDocumentInput } from './case-input.ts';
export { CaseDocumentError, caseDocumentInputSchema, parseCaseDocumentInput } from './case-input.ts';

/** The kinds, named as the case machine names its documents (domain DOCUMENT_KINDS). */
export const CASE_DOCUMENTS = {
  case_filing_form: { title: CASE_FILING_TITLE, build: caseFilingForm },
  order_to_correct: { title: ORDER_TO_CORRECT_TITLE, build: orderToCorrect },
  advance_notice: { title: ADVANCE_NOTICE_TITLE, build: advanceNotice },
  penalty_decision: { title: PENALTY_DECISION_TITLE, build: penaltyDecision },
  no_penalty_decision: { title: NO_PENALTY_DECISION_TITLE, build: noPenaltyDecision },
  legal_review_opinion: { title: LEGAL_REVIEW_OPINION_TITLE, build: legalReviewOpinion },
  service_receipt: { title: SERVICE_RECEIPT_TITLE, build: serviceReceipt },
  payment_receipt: { title: PAYMENT_VOUCHER_TITLE, build: paymentVoucher },
  closing_report: { title: CLOSING_REPORT_TITLE, build: closingReport },
} as const satisfies Record<string, { title: string; build: (c: CaseDocumentInput) => PdfRequest }>;

export type CaseDocumentKind = keyof typeof CASE_DOCUMENTS;

/** Validates the input (CaseDocumentError when it cannot make documents) and builds the definition. */
export function caseDocumentRequest(kind: CaseDocumentKind, input: unknown): PdfRequest {
  return CASE_DOCUMENTS[kind].build(parseCaseDocumentInput(input));
}
