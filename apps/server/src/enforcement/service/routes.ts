// Electronic service (电子送达, issue 14 item 11) for the enterprise's login: the case documents served on its
// own enterprise, and each one's PDF, whose first opening is recorded (document-service.ts). Another
// enterprise's document, an internal form and a missing id all answer the same 404.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ServedDocumentList, ServiceConsentState } from '@ecoenforce/contract';
import { notFound } from '../../platform/errors.ts';
import { actorOf } from '../../accounts/index.ts';
import { decodeCursor, pageQuery } from '../../access/index.ts';
import { consentState, signConsent, withdrawConsent } from './consent.ts';
import type { RouteContext } from '../../http/routes.ts';
import { openServedDocument, servedDocuments } from './document-service.ts';

/** A file name the browser keeps: ASCII for old clients, the Chinese title and number in filename*. */
function disposition(id: number, title: string, number: string | null): string {
  const zh = `${title}${number === null ? '' : `-${number}`}.pdf`;
  return `attachment; filename="document-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(zh)}`;
}

/** The enterprise a documents.receive holder speaks for (only the enterprise role holds it, always with one). */
function ownEnterprise(enterpriseId: number | null): number {
  if (enterpriseId === null) throw notFound('enterprise');
  return enterpriseId;
}

export function serviceRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

  app.get(
    '/api/my/documents',
    {
      config: { access: { permission: 'documents.receive' } },
      schema: {
        tags: ['cases'],
        querystring: z.object(pageQuery),
        description: 'The case documents served on the caller\'s own enterprise (电子送达): orders to correct, advance notices, hearing notices, penalty and no-penalty decisions, newest first, a page at a time (limit, cursor; total), each with its Chinese title, number, case number, issue and service time, the mode (electronic: served under the enterprise\'s consent; copy: a copy, served another way) and the first opening (time and who). Internal forms are never listed.',
      },
    },
    async (req): Promise<ServedDocumentList> => {
      const enterpriseId = req.principal!.enterpriseId;
      const before = decodeCursor(req.query.cursor);
      return enterpriseId === null ? { items: [], nextCursor: null, total: 0 } : servedDocuments(db, enterpriseId, { limit: req.query.limit, ...(before === undefined ? {} : { before }) });
    },
  );

  app.get(
    '/api/my/service-consent',
    {
      config: { access: { permission: 'documents.receive' } },
      schema: {
        tags: ['cases'],
        description: 'The caller\'s enterprise\'s consent to electronic service (电子送达确认书, APL art. 61 ¶2) in force, if any, the withdrawn ones, and the form\'s defaults from the registry (name, registered address, legal representative).',
      },
    },
    async (req): Promise<ServiceConsentState> => consentState(db, ownEnterprise(req.principal!.enterpriseId)),
  );

  app.post(
    '/api/my/service-consent',
    {
      config: { access: { permission: 'documents.receive' } },
      schema: {
        tags: ['cases'],
        description: 'Signs the consent to electronic service for the caller\'s enterprise: from now on the documents a case issues to it are served on its login (mode electronic); without a consent they reach it as copies and are served another way. 409 with reason consent_in_force while one is in force. Audited.',
        body: z.object({
          signerName: z.string().trim().min(1).max(50), signerTitle: z.string().trim().min(1).max(50),
          phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/), email: z.string().trim().email().max(100).nullable().optional().or(z.literal('')),
          address: z.string().trim().min(4).max(200),
        }),
      },
    },
    async (req, reply) => {
      const p = req.principal!;
      const consent = await signConsent(db, ownEnterprise(p.enterpriseId), req.body, { userId: p.userId, actor: actorOf(p), ip: req.ip, at: deps.now() });
      return reply.code(201).send(consent);
    },
  );

  app.post(
    '/api/my/service-consent/withdraw',
    {
      config: { access: { permission: 'documents.receive' } },
      schema: { tags: ['cases'], description: 'Withdraws the consent in force from now on (documents already served stay served). 404 with reason no_consent when none is in force. Audited.' },
    },
    async (req, reply) => {
      const p = req.principal!;
      await withdrawConsent(db, ownEnterprise(p.enterpriseId), { userId: p.userId, actor: actorOf(p), ip: req.ip, at: deps.now() });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/my/documents/:id.pdf',
    {
      config: { access: { permission: 'documents.receive' } },
      schema: {
        tags: ['cases'],
        description: 'One document served on the caller\'s enterprise as PDF. The first download records the opening (time on the platform clock and the user) in the same transaction as its audit row; later downloads keep the first time and are audited too. 404 for another enterprise\'s document, an internal form or a missing id alike.',
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
    },
    async (req, typedReply) => {
      const reply: FastifyReply = typedReply;
      const p = req.principal!;
      const doc = p.enterpriseId === null ? undefined : await openServedDocument(db, p.enterpriseId, req.params.id, { userId: p.userId, actor: actorOf(p), ip: req.ip, at: deps.now() });
      if (doc === undefined) throw notFound('document');
      reply.header('content-disposition', disposition(req.params.id, doc.title, doc.number));
      reply.header('x-content-sha256', doc.sha256);
      return reply.type('application/pdf').send(doc.bytes);
    },
  );
}
