// How a route answers when a PDF could not be rendered: the renderer's typed errors become the API's one
// error shape. A full queue or a worker that died or overran is the server's momentary state, not the
// client's fault: 503, with Retry-After when the queue is what refused. A document pdfmake rejects is our
// template's bug: 500.
import type { FastifyReply } from 'fastify';
import { ApiError } from '../platform/errors.ts';
import { PdfRenderError } from '../platform/pdf/renderer.ts';

export async function renderedOrApiError(rendering: Promise<Buffer>, reply: FastifyReply): Promise<Buffer> {
  try {
    return await rendering;
  } catch (err) {
    if (!(err instanceof PdfRenderError)) throw err;
    switch (err.code) {
      case 'busy': {
        const seconds = err.retryAfterSeconds ?? 1;
        reply.header('retry-after', String(seconds));
        throw new ApiError('unavailable', 'PDF rendering is busy; try again shortly', { reason: err.code, retryAfterSeconds: seconds });
      }
      case 'timeout':
      case 'crashed':
      case 'closed':
        throw new ApiError('unavailable', 'the PDF could not be rendered now; try again', { reason: err.code });
      case 'render_failed':
      case 'invalid_document':
        throw err; // the central handler answers 500 and logs it
    }
  }
}
