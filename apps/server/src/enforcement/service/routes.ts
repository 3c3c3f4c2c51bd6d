// Electronic service (电子送达, issue 14 item 11) for the enterprise's login: the case documents served on its
// own enterprise, and each one's PDF, whose first opening is recorded (document-service.ts). Another
// enterprise's document, an internal form and a missing id all answer the same 404.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ServedDocumentList } from '@ecoenforce/contract';
import { notFound } from '../../platform/errors.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';
import { openServedDocument, servedDocuments } from './document-service.ts';

/** A file name the browser keeps: ASCII for old clients, the Chinese title and number in filename*. */
function disposition(id: number, title: string, number: string | null): string {
  const zh = `${title}${number === null ? '' : `-${number}`}.pdf`;
  return `attachment; filename="document-${id}.pdf"; filename*=UTF-8''${encodeURIComponent(zh)}`;
}

export function serviceRoutes({ app, deps }: RouteContext): void {
  const db = deps.database.db;

  app.get(
    '/api/my/documents',
    {
      config: { access: { permission: 'documents.receive' } },
      schema: {
        tags: ['cases'],
        description: 'The case documents served on the caller\'s own enterprise (电子送达): orders to correct, advance notices, hearing notices, penalty and no-penalty decisions, newest first, each with its Chinese title, number, case number, issue and service time and the first opening (time and who). Internal forms are never listed.',
      },
    },
    async (req): Promise<ServedDocumentList> => {
      const enterpriseId = req.principal!.enterpriseId;
      return enterpriseId === null ? { items: [] } : servedDocuments(db, enterpriseId);
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
