// Raw frames: the evidence, exactly as received. Listed without their bytes; one frame with its bytes as
// text and hex and its decode (re-run on the stored bytes, so what is shown is what the bytes say).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { frameDetailSchema, type FrameSummary } from '@ecoenforce/contract';
import type { Kysely } from 'kysely';
import { Hj212Framer, decodeFrame, frameToJson, type RawFrame } from '@ecoenforce/hj212';
import type { Schema } from '../../platform/db/schema.ts';
import { FEED_PEER } from '../repositories/meter-feed.ts';
import { notFound } from '../../platform/errors.ts';
import type { RouteContext } from '../../http/routes.ts';

const SUMMARY = ['id', 'received_at', 'peer', 'point_id', 'mn', 'cn', 'qn', 'data_time', 'verdict', 'reason', 'crc_variant'] as const;

export async function listFrames(
  db: Kysely<Schema>,
  q: { pointId: number; from?: number | undefined; to?: number | undefined; beforeId?: number | undefined; limit: number },
): Promise<FrameSummary[]> {
  let query = db
    .selectFrom('raw_frames')
    .select(SUMMARY)
    .select((eb) => eb.fn<number>('length', ['bytes']).as('size'))
    .where('point_id', '=', q.pointId);
  if (q.from !== undefined) query = query.where('received_at', '>=', q.from);
  if (q.to !== undefined) query = query.where('received_at', '<', q.to);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id), receivedAt: r.received_at, peer: r.peer, pointId: r.point_id, mn: r.mn, cn: r.cn, qn: r.qn, dataTime: r.data_time,
    verdict: r.verdict, reason: r.reason, crcVariant: r.crc_variant, size: Number(r.size),
  }));
}

/** The bytes as text: UTF-8 when they are valid UTF-8, else GB18030 (what Chinese loggers send). */
function readable(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Decodes stored bytes the way the gateway did: the first frame in them, or the framer's first error. */
export function decodeStored(bytes: Uint8Array): unknown {
  let out: unknown = null;
  new Hj212Framer().push(bytes, {
    frame: (raw: RawFrame) => {
      out ??= frameToJson(raw, decodeFrame(raw));
    },
    error: (e) => {
      out ??= { ok: false, error: e.code, offset: e.offset, detail: e.detail };
    },
  });
  return out ?? { ok: false, error: 'truncated', detail: 'no complete frame in the stored bytes' };
}

function decodeFeedRow(bytes: Uint8Array): unknown {
  try {
    return { ok: true, source: FEED_PEER, reading: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown };
  } catch {
    return { ok: false, error: 'bad_feed_row', detail: 'the stored meter-feed reading is not UTF-8 JSON' };
  }
}

export function frameRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/frames/:id',
    {
      config: { access: { permission: 'frames.read', resource: 'frame' } },
      schema: {
        tags: ['evidence'],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: frameDetailSchema },
      },
    },
    async (req) => {
      const r = await deps.database.db.selectFrom('raw_frames').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (r === undefined) throw notFound('frame');
      const bytes = Buffer.from(r.bytes);
      return {
        id: Number(r.id), receivedAt: r.received_at, peer: r.peer, pointId: r.point_id, mn: r.mn, cn: r.cn, qn: r.qn, dataTime: r.data_time,
        verdict: r.verdict, reason: r.reason, crcVariant: r.crc_variant, size: bytes.length, detail: r.detail,
        text: readable(bytes),
        hex: bytes.toString('hex'),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        // A meter-feed row holds the JSON reading as the platform sent it, not an HJ 212 frame.
        decoded: r.peer === FEED_PEER ? decodeFeedRow(bytes) : decodeStored(bytes),
      };
    },
  );
}
