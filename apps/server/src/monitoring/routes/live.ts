// GET /api/live: Server-Sent Events of the caller's scope (see live.ts).
import type { RouteContext } from '../../http/routes.ts';

export function liveRoutes({ app, deps }: RouteContext): void {
  app.get('/api/live', { config: { access: { permission: 'monitoring.read' } }, schema: { tags: ['monitoring'], description: 'Server-Sent Events: reading, status, warning, task, case, and notification (the caller\'s own only)' } }, (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write('retry: 3000\n\n');
    const p = req.principal!;
    const unsubscribe = deps.live.subscribe(req.scope!, res, p.kind === 'user' ? p.userId : null);
    req.raw.on('close', unsubscribe);
  });
}
