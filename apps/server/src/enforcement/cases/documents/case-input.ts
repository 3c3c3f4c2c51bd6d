// What the penalty-case documents are made from: one self-contained object, validated before any
// document is built, so the enforcement workflow (issue 5 §5) only has to map its records onto it. Dates are
// Beijing calendar dates (YYYY-MM-DD) as the documents print them; amounts are yuan; articles are text as
// cited (《中华人民共和国大气污染防治法》第九十九条第二项), so a document says exactly what the case record says.
import { z } from 'zod';
import { validateUscc } from '@ecoenforce/domain';
import { MAX_AMOUNT } from '../../../platform/pdf/cn-amount.ts';

const text = z.string().trim().min(1);
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
const yuan = z.number().finite().min(0).max(MAX_AMOUNT);

export const articleSchema = z.object({
  /** The law with its book-title marks: 《中华人民共和国大气污染防治法》. */
  law: text,
  /** 第九十九条第二项. */
  article: text,
  /** What the article says, quoted or paraphrased, when the document should recite it. */
  content: z.string().optional(),
});

export const discretionRowSchema = z.object({
  factor: text,
  level: text,
  /** Percent of the statutory maximum (GD art. 6): 8 for 8 %. */
  weight: z.number().finite().min(0).max(100),
  /** Where the weight comes from: 粤环发〔2021〕7号附件1. */
  article: text,
});

export const caseDocumentInputSchema = z.object({
  bureau: z.object({
    /** 广州市生态环境局. */
    name: text,
    address: text,
    /** Contact for the party (statements, hearing requests). */
    contact: text,
    phone: text,
  }),
  /** 案件编号, the bureau's own case number (shown on the filing form). */
  caseNumber: text,
  /** Document numbers: 粤环责改〔2026〕12号, 粤环罚告〔2026〕12号, 粤环罚〔2026〕12号. */
  numbers: z.object({ order: text, notice: text, decision: text, noPenalty: text.optional() }),
  party: z.object({
    name: text,
    /** 统一社会信用代码, with its GB 32100 check characters. */
    uscc: z.string().refine((s) => validateUscc(s).ok, 'a valid unified social credit code (GB 32100)'),
    address: text,
    legalRepresentative: text,
  }),
  /** 案件来源: 自动监控预警, 群众举报, 双随机检查… */
  source: text,
  /** 案由: 超过大气污染物排放标准排放大气污染物案. */
  cause: text,
  discoveredOn: date,
  filedOn: date,
  /** The officers who investigate (two at least, APL 42). */
  officers: z.array(z.object({ name: text, certificate: text })).min(2),
  /** The facts found, as the documents state them. */
  facts: text,
  evidence: z.array(z.object({ name: text, detail: z.string().optional() })).min(1),
  /** The articles the conduct violates (违法依据). */
  legalBasis: z.array(articleSchema).min(1),
  /** The articles the penalty is imposed under (处罚依据). */
  penaltyBasis: z.array(articleSchema).min(1),
  discretion: z.object({
    /** The benchmark applied: 《广东省生态环境行政处罚自由裁量权规定》. */
    benchmark: text,
    rows: z.array(discretionRowSchema).min(1),
    /** The statutory maximum the weights multiply (GD art. 6). */
    statutoryMax: yuan,
    /** How the amount follows from the sum where it is not simply Σ × maximum (floor, apology reduction). */
    note: z.string().optional(),
  }),
  /** The fine, yuan. */
  amount: yuan,
  correction: z.object({
    /** What the party must do: 立即停止超标排放… */
    requirement: text,
    deadline: date,
    issuedOn: date,
  }),
  notice: z.object({
    issuedOn: date,
    /** Last day for statement and defence (APL 44, 45). */
    statementDeadline: date,
    /** Last day to ask for a hearing (APL 63, 64(1)). */
    hearingDeadline: date,
  }),
  decision: z.object({
    issuedOn: date,
    /** What the party said in its statement or hearing, and the bureau's answer; none when it said nothing. */
    statementAndReview: z.string().optional(),
    paymentDeadline: date,
    /** Where to pay: 罚款缴至…（开户银行、账号）. */
    payment: text,
    reconsiderationBody: text,
    court: text,
    /**
     * For 不予行政处罚决定书: the ground — 'exempt' where a gate says shall not, 'waived' for the first-violation
     * waiver (APL 33 ¶1 "may") with who decided and why — the article and the gates' reason.
     */
    noPenalty: z.object({
      ground: z.enum(['exempt', 'waived']),
      basis: articleSchema,
      gateReason: text,
      decidedBy: text,
      /** The decision maker's reason; required of a waiver (enforcement/cases/case-inputs.ts), none for an exemption. */
      reason: text.optional(),
    }).optional(),
  }),
  /** 法制审核意见书 [APL 58]: who reviewed, when, the opinion written, and whether the case goes on or back. */
  review: z.object({ reviewer: text, reviewedOn: date, opinion: z.string().optional(), conclusion: z.enum(['approve', 'return']) }).optional(),
  /** 送达回证: the document served (its title and number), when, how and where; `note` of an electronic service. */
  service: z.object({ document: text, number: z.string().optional(), servedOn: date, method: text, place: text, note: z.string().optional() }).optional(),
  /** 缴款凭证: the amount the party paid and when (record_payment). */
  payment: z.object({ amount: yuan, paidOn: date, confirmedBy: text }).optional(),
  /** 结案审批表: how the case ended (decision, execution) and when; `reason` of a termination. */
  closing: z.object({ closedOn: date, result: text, execution: text, reason: z.string().optional() }).optional(),
});

export type CaseDocumentInput = z.infer<typeof caseDocumentInputSchema>;
export type LegalArticle = z.infer<typeof articleSchema>;
export type DiscretionRow = z.infer<typeof discretionRowSchema>;

/** A case that cannot make its documents: each problem with the path of the field. */
export class CaseDocumentError extends Error {
  readonly code = 'bad_case_document';
  constructor(readonly problems: Array<{ path: string; message: string }>) {
    super(`case documents cannot be made: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

/** Validates unknown input into the typed object, or throws CaseDocumentError. */
export function parseCaseDocumentInput(input: unknown): CaseDocumentInput {
  const r = caseDocumentInputSchema.safeParse(input);
  if (!r.success) throw new CaseDocumentError(r.error.issues.map((i) => ({ path: i.path.join('.') || '/', message: i.message })));
  return r.data;
}
