// Penalty cases (issue 5 §5–§6, §8): the list with legal clocks, one case with what the caller may do next,
// opening a case, acting on it through the domain machine (409 with the domain's reason when the procedure
// refuses; 409 stale when someone acted since the caller's version), previewing the fine, and the stored
// documents as PDF. Every mutation is audited in its own transaction (enforcement/cases/cases.ts).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { TRANSITIONS, type CaseActionType, type Refusal } from '@ecoenforce/domain';
import type { CaseDraft, CaseErrorDetails, CaseFineFacts, FinePreview } from '@ecoenforce/contract';
import { ApiError, notFound } from '../../platform/errors.ts';
import { canSee, dateRange, listQuery, locate, offsetMode, pageQuery, sortParam, type Principal } from '../../access/index.ts';
import { EXPORT_MAX_ROWS, sendExport } from '../../http/export.ts';
import { renderedOrApiError } from '../../http/pdf-reply.ts';
import type { PdfRequest } from '../../platform/pdf/frames.ts';
import { applyAction, caseRow, openCase, CaseError, recordOf, type CaseContext } from './cases.ts';
import { CASE_SORT_KEYS, caseDetail, caseDocument, exportCases, listCases } from './case-read.ts';
import { CASE_EXPORT_COLUMNS, caseExportRows } from './case-export.ts';
import { assessFine, fineInputSchema, InputError } from './case-inputs.ts';
import { caseTraceQuery } from './case-trace.ts';
import { caseFineFacts } from './case-fine-facts.ts';
import { dossierPdf } from './case-dossier.ts';
import { caseDraft } from './case-draft.ts';
import { traceOrBadRequest } from '../statistics/routes.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';


const ACTIONS = Object.keys(TRANSITIONS) as [CaseActionType, ...CaseActionType[]];
const id = z.object({ id: z.coerce.number().int().positive() });

const STATUS: Record<CaseError['code'], ApiError['code']> = { not_found: 'not_found', bad_input: 'bad_request', forbidden: 'forbidden', stale: 'conflict', refused: 'conflict' };

/** The service's typed errors in the API's one shape; `reason` tells a stale version from a refusal. */
function asApiError(err: unknown): unknown {
  if (err instanceof CaseError) return new ApiError(STATUS[err.code], err.message, { reason: err.code, ...(err.details === undefined ? {} : { detail: err.details }) } satisfies CaseErrorDetails);
  if (err instanceof InputError) return new ApiError(err.kind === 'refused' ? 'conflict' : 'bad_request', err.message, { reason: err.kind, detail: err.details } satisfies CaseErrorDetails);
  return err;
}

const contextOf = (p: Principal, ip: string, at: number): CaseContext => ({ userId: p.userId, role: p.role, actor: actorOf(p), ip, at });

export function caseRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

  app.get(
    '/api/cases',
    {
      config: { access: { permission: 'cases.read' } },
      schema: {
        tags: ['cases'],
        description: 'Penalty cases in the caller\'s region, newest first, each with its legal clocks at the platform time (filing 15 (+15) days, decision 90 (+30 +30) days, hearing window, service, payment, transfer) and the most urgent escalation. ' +
          'Filters: state, enterpriseId, overdue; q searches the enterprise name, the case number and the 案由 (case-insensitive substring); without `event`, from/to are Beijing dates (YYYY-MM-DD, both included) of when the case was filed (a case not yet filed: discovered). ' +
          'sort (number, date, discovered, enterprise, state, amount, updated, id) with order (asc|desc, default desc) or offset pages by offset; otherwise cursor pages newest first. total counts every matching case. ' +
          'format=xlsx|csv exports the whole filtered list in that order with Chinese headers.',
        querystring: z.object({
          ...pageQuery,
          ...listQuery,
          sort: sortParam(CASE_SORT_KEYS),
          format: z.enum(['json', 'csv', 'xlsx']).default('json'),
          state: z.string().max(40).optional(),
          enterpriseId: z.coerce.number().int().positive().optional(),
          overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          // The statistics' trace (GET /api/stats/enforcement links): event=<actions>&from&to&region&matter&industry.
          // With `event`, from/to are the trace's period (when the action happened), not the filing dates.
          ...caseTraceQuery,
        }),
      },
    },
    async (req, typedReply) => {
      const q = req.query;
      const traced = q.event !== undefined;
      const trace = traceOrBadRequest(traced ? q : { ...q, from: undefined, to: undefined }, deps.now());
      const range = traced ? {} : dateRange(q.from, q.to);
      const byOffset = offsetMode(q);
      const filter = {
        ...(trace ? { trace } : {}), ...(q.state ? { state: q.state } : {}), ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}),
        ...(q.overdue === undefined ? {} : { overdue: q.overdue }), ...(q.q ? { q: q.q } : {}), range,
        ...(q.sort ? { sort: q.sort } : {}), ...(q.order ? { order: q.order } : {}),
      };
      if (q.format !== 'json') {
        const reply: FastifyReply = typedReply;
        const rows = await caseExportRows(db, await exportCases(db, req.scope!, filter, deps.now(), EXPORT_MAX_ROWS));
        return sendExport(reply, q.format, 'cases', CASE_EXPORT_COLUMNS, rows, '案件');
      }
      return listCases(db, req.scope!, {
        ...filter, limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}), ...(byOffset ? { offset: q.offset ?? 0 } : {}),
      }, deps.now());
    },
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: { permission: 'cases.read', resource: 'case' } },
      schema: {
        tags: ['cases'],
        description: 'One case: the record, clocks, fine, documents and duty record (with names). `actions` lists every action the state and the caller\'s role allow, each checked against the record at the platform time (`ok`, or the refusal the procedure would give with its unmet preconditions); `availableActions` are the ones that are `ok`. `staff` are the people who may be named on it (investigators, participants).',
        params: id,
      },
    },
    async (req) => {
      const detail = await caseDetail(db, req.params.id, { userId: req.principal!.userId, role: req.principal!.role }, deps.now());
      if (detail === undefined) throw notFound('case');
      return detail;
    },
  );

  app.get(
    '/api/tasks/:id/case-draft',
    {
      config: { access: { permission: 'cases.work', resource: 'task' } },
      schema: {
        tags: ['cases'],
        description: 'What a case opened from the task starts with, each value with its origin: the enforcement matters its finished inspections found violated, the task\'s officers as proposed investigators, a 案由 and 违法事实 worded from the violations. Nothing is stored.',
        params: id,
      },
    },
    async (req): Promise<CaseDraft> => {
      const draft = await caseDraft(db, req.params.id, deps.now());
      if (draft === undefined) throw notFound('task');
      return draft;
    },
  );

  app.post(
    '/api/cases',
    {
      config: { access: { permission: 'cases.work' } },
      schema: {
        tags: ['cases'],
        description: 'Opens a case (state discovered) for an enterprise in the caller\'s region and a matter of the catalogue, from a task or directly. Numbered by the issuing city bureau under its short name (惠市环罚〔year〕N号), one sequence per city and year.',
        body: z.object({
          enterpriseId: z.number().int().positive(),
          matterCode: z.string().trim().min(1).max(60),
          taskId: z.number().int().positive().nullable().optional(),
          discoveredAt: z.number().int().nonnegative().optional(),
          major: z.boolean().optional(),
          details: z.object({
            source: z.string().trim().min(1).max(200).optional(),
            cause: z.string().trim().min(1).max(500).optional(),
            facts: z.string().trim().min(1).max(8000).optional(),
            evidence: z.array(z.object({ name: z.string().trim().min(1).max(200), detail: z.string().max(2000).optional() })).max(100).optional(),
            // The proposed investigators (e.g. the task's officers), pre-picked when the investigation starts.
            proposedOfficers: z.array(z.number().int().positive()).max(20).optional(),
          }).optional(),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const at = await locate(db, 'enterprise', b.enterpriseId);
      if (at === undefined || !canSee(req.scope!, at)) throw notFound('enterprise');
      try {
        const row = await openCase(db, { ...b, ...(b.details ? { details: b.details } : {}) }, contextOf(req.principal!, req.ip, deps.now()));
        void reply.status(201);
        return await caseDetail(db, row.id, { userId: req.principal!.userId, role: req.principal!.role }, deps.now());
      } catch (err) {
        throw asApiError(err);
      }
    },
  );

  app.post(
    '/api/cases/:id/actions',
    {
      // Every case role may reach the route; which action a role may take is the domain's rule (case-rules.ts).
      config: { access: { permission: 'cases.read', resource: 'case' } },
      schema: {
        tags: ['cases'],
        description:
          'Applies one action of the case procedure. `version` is the case version the caller saw: 409 reason "stale" when it changed. ' +
          'A refusal of the procedure is 409 reason "refused" with the domain\'s refusal (code, reason, unmet preconditions and their sources); ' +
          'an action the caller\'s role may not take is 403. Nothing is stored on a refusal. The act\'s document (立案审批表, 责令改正决定书, ' +
          '行政处罚事先告知书, 行政处罚决定书) is rendered and stored with its SHA-256.',
        params: id,
        body: z.object({ action: z.enum(ACTIONS), input: z.record(z.string(), z.unknown()).default({}), version: z.number().int().positive() }),
      },
    },
    async (req, typedReply) => {
      const reply: FastifyReply = typedReply;
      const p = req.principal!;
      const pdf = deps.pdf;
      const render = pdf ? (r: PdfRequest) => renderedOrApiError(pdf.render(r), reply) : null;
      const onRefused = (r: Refusal): void => deps.metrics?.caseRefusals.inc({ action: req.body.action, code: r.code });
      try {
        await applyAction(db, render, req.params.id, req.body, contextOf(p, req.ip, deps.now()), onRefused);
      } catch (err) {
        throw asApiError(err);
      }
      const detail = await caseDetail(db, req.params.id, { userId: p.userId, role: p.role }, deps.now());
      if (detail === undefined) throw notFound('case');
      deps.live.caseChanged({ regionCode: detail.regionCode, enterpriseId: detail.enterpriseId }, { id: req.params.id, state: detail.state, version: detail.version });
      return detail;
    },
  );

  app.get(
    '/api/cases/:id/fine-facts',
    {
      config: { access: { permission: 'cases.read', resource: 'case' } },
      schema: {
        tags: ['cases'],
        description: 'The facts of the fine the case\'s evidence already holds, each with its origin, for the discretion form: from the exceedance warnings linked to the case\'s task the pollutants, their class (GD art. 18) and the exceedance multiple (C − L) ÷ L computed from the warning\'s values and limit (a warning\'s "限值的 X 倍" is C ÷ L); the repeat count from penalty decisions of the same matter against the enterprise in the two years before the act; a special period in force at the act. With the case\'s pinned matter and table. Nothing is stored.',
        params: id,
      },
    },
    async (req): Promise<CaseFineFacts> => {
      const row = await caseRow(db, req.params.id);
      if (row === undefined) throw notFound('case');
      return caseFineFacts(db, row);
    },
  );

  app.post(
    '/api/cases/:id/fine-preview',
    {
      config: { access: { permission: 'cases.read', resource: 'case' } },
      schema: {
        tags: ['cases'],
        description: 'The gates (APL 36, 33, 32; GD-A2) and the discretion engine (GD art. 6) on these facts for the case\'s matter and table at the versions the case was opened under, without storing anything: the amount and the explanation (each factor, level, weight and source; every step with its article), or the gate that leaves no fine.',
        params: id,
        body: fineInputSchema,
      },
    },
    async (req): Promise<FinePreview> => {
      const row = await caseRow(db, req.params.id);
      if (row === undefined) throw notFound('case');
      try {
        const { gates, fine } = await assessFine(db, row, recordOf(row), req.body);
        return { gates, fine: fine === null ? null : { amount: fine.amount, explanation: fine.explanation, matter: fine.matter, table: fine.table } };
      } catch (err) {
        throw asApiError(err);
      }
    },
  );

  app.get(
    '/api/cases/:id/dossier.pdf',
    {
      config: { access: { permission: 'cases.read', resource: 'case' } },
      schema: { tags: ['cases'], description: 'The printable case file (卷宗): the cover, the table of contents with the page of each document, the evidence list, then every document of the case as its PDF was issued and stored (a document not stored is listed as 未生成) and the 现场检查笔录 of its task\'s inspections; every page is numbered 第 N 页.', params: id },
    },
    async (req, typedReply) => {
      const reply: FastifyReply = typedReply;
      const pdf = deps.pdf!;
      const file = dossierPdf(db, (r) => pdf.render(r), req.params.id, deps.now()).then((b) => {
        if (b === undefined) throw notFound('case');
        return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      });
      const bytes = await renderedOrApiError(file, reply);
      reply.header('content-disposition', `inline; filename="case-${req.params.id}-dossier.pdf"`);
      return reply.type('application/pdf').send(bytes);
    },
  );

  app.get(
    '/api/cases/:id/documents/:docId',
    {
      config: { access: { permission: 'cases.read', resource: 'case' } },
      schema: { tags: ['cases'], params: z.object({ id: z.coerce.number().int().positive(), docId: z.coerce.number().int().positive() }) },
    },
    async (req, typedReply) => {
      const reply: FastifyReply = typedReply;
      const doc = await caseDocument(db, req.params.id, req.params.docId);
      if (doc === undefined) throw notFound('document');
      reply.header('content-disposition', `inline; filename="case-${req.params.id}-${doc.kind}-${req.params.docId}.pdf"`);
      reply.header('x-content-sha256', doc.sha256);
      return reply.type('application/pdf').send(doc.bytes);
    },
  );
}
