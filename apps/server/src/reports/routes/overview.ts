// The head's command-centre overview (issue 14): today's warnings, tasks overdue and due today, cases by stage and
// points online by city, of the caller's region. stats.read: the narrowest permission the head holds that covers
// region-wide figures (bureau staff's statistics); the figures themselves are scoped like every other read.
import { overviewSchema } from '@ecoenforce/contract';
import { overview } from '../overview.ts';
import type { RouteContext } from '../../http/routes.ts';

export function overviewRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/overview',
    {
      config: { access: { permission: 'stats.read' } },
      schema: {
        tags: ['reports'],
        description:
          'The command-centre overview of the caller\'s region at the platform time: warnings created today (Beijing day) by kind and severity, open (new) and handled; ' +
          'running tasks overdue (due_at ≤ now) and due today; cases by state; active points online (status online or warning) by city, with the rate; the latest serious warnings.',
        response: { 200: overviewSchema },
      },
    },
    async (req) => {
      const p = req.principal!;
      return overview({ db: deps.database.db, activity: deps.activity }, req.scope!, { code: p.regionCode, name: p.regionName }, deps.now());
    },
  );
}
