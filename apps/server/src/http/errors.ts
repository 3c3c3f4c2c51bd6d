// One error shape for every route: {"error":{"code","message","details"}} from one handler. Routes throw
// ApiError (platform/errors.ts) or let validation fail; nothing else reaches the client, and a 500 never leaks internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, type ErrorBody, type ErrorCode } from '../platform/errors.ts';

/** The 404 for paths no route serves; `fallback` may answer first (the console's index.html for its own routes). */
export function installNotFound(app: FastifyInstance, onError: (code: ErrorCode) => void, fallback?: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined): void {
  app.setNotFoundHandler((req, reply) => {
    const answered = fallback?.(req, reply);
    if (answered !== undefined) return answered;
    onError('not_found');
    return reply.status(404).send({ error: { code: 'not_found', message: `no route for ${req.method} ${req.url.split('?')[0]}` } } satisfies ErrorBody);
  });
}

export function installErrorHandler(app: FastifyInstance, onError: (code: ErrorCode) => void = () => undefined): void {
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    let body: ErrorBody;
    let status: number;
    if (err instanceof ApiError) {
      status = err.status;
      body = { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      status = 400;
      const details = err.validation.map((v) => ({ in: err.validationContext, path: v.instancePath || '/', message: v.message }));
      body = { error: { code: 'bad_request', message: `invalid ${err.validationContext ?? 'request'}`, details } };
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large.
      status = err.statusCode;
      body = { error: { code: status === 413 ? 'payload_too_large' : 'bad_request', message: err.message } };
    } else {
      status = 500;
      req.log.error({ err }, 'unhandled error');
      body = { error: { code: 'internal', message: 'internal error' } };
    }
    onError(body.error.code);
    return reply.status(status).send(body);
  });
}
