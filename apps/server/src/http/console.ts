// Serves the built web console (apps/web/dist): files as they are, and index.html for any other non-API
// path so the console's own routes survive a reload.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Registers the console's files; returns the not-found fallback that serves index.html, or undefined. */
export async function serveConsole(app: FastifyInstance, dist: string | null): Promise<((req: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined) | undefined> {
  if (dist === null || !existsSync(join(dist, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.type('text/plain; charset=utf-8').send('EcoEnforce: the web console is not built. Run `npm run build`; the API is at /api/docs.'),
    );
    return undefined;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  return (req, reply) => (req.method === 'GET' && !req.url.startsWith('/api/') ? reply.type('text/html; charset=utf-8').sendFile('index.html') : undefined);
}
