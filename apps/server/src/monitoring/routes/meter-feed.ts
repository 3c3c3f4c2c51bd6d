// POST /api/meter-feed: electricity-monitoring platforms push meter readings (issue 4 §5, monitoring/meter-feed.ts).
// The batch's shape is checked here (zod; at most MAX_BATCH readings); each reading is checked on its own by
// the service, so one bad reading is reported back with its index and reason while the others are stored.
// Machine clients authenticate with an API token (Authorization: Bearer ee_…) of a role with `meters.feed`.
import { z } from 'zod';
import { ingestMeterFeed, MAX_BATCH } from '../meter-feed.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const body = z.object({
  // Items are left unknown here: a malformed one must not fail the batch (the service rejects it alone).
  readings: z.array(z.unknown()).min(1).max(MAX_BATCH),
});

const result = z.object({
  received: z.number(),
  stored: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({
    index: z.number(),
    meter: z.string().nullable(),
    reason: z.enum(['invalid_item', 'invalid_time', 'future_time', 'invalid_value', 'unknown_meter']),
    message: z.string(),
  })),
});

export function meterFeedRoutes({ app, deps }: RouteContext): void {
  app.post(
    '/api/meter-feed',
    {
      config: { access: { permission: 'meters.feed' } },
      schema: { tags: ['monitoring'], body, response: { 200: result } },
    },
    async (req) => {
      const p = req.principal!;
      const out = await ingestMeterFeed(
        {
          db: deps.database.db, now: deps.now,
          onStored: (frames) => deps.live.framesStored(frames),
          ...(deps.reclose === undefined ? {} : { reclose: deps.reclose }),
        },
        { actor: actorOf(p), scope: req.scope!, ip: req.ip },
        req.body.readings,
      );
      const counter = deps.metrics?.meterFeedReadings;
      if (counter !== undefined) {
        if (out.stored > 0) counter.inc({ result: 'stored' }, out.stored);
        if (out.duplicates > 0) counter.inc({ result: 'duplicate' }, out.duplicates);
        for (const r of out.rejected) counter.inc({ result: r.reason });
      }
      return out;
    },
  );
}
