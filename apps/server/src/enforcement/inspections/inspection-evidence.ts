// Evidence photos of an inspection (issue 5 §3). The browser computes the SHA-256 of the file when it is
// captured; the upload declares it and it is computed again here over the bytes received: a mismatch means the
// bytes changed on the way (or the client lies) and is refused. A re-upload of the same evidence uuid with the
// same hash is acknowledged without a second row, so an outbox may re-send after a lost answer.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Schema } from '../../platform/db/schema.ts';
import { InspectionError, mustWorkTask } from './inspections.ts';
import type { TaskContext } from '../tasks/tasks.ts';

/** Larger photos are refused: a phone camera's JPEG fits; the HTTP body limit (app.ts) is 20 MiB. */
export const MAX_EVIDENCE_BYTES = 15 * 1024 * 1024;

export interface EvidenceMeta {
  evidenceUuid: string;
  itemKey: string;
  sha256: string;
  mime: string;
  capturedAt: number;
  lat: number | null;
  lon: number | null;
  accuracy: number | null;
}

/** The inspection evidence is uploaded to: in the caller's scope (404) and on a task the caller works (403). */
export async function evidenceTarget(db: Kysely<Schema>, inspectionUuid: string, ctx: { task: TaskContext; dispatches: boolean }): Promise<{ id: number }> {
  const ins = await db.selectFrom('inspections').select(['id', 'task_id']).where('uuid', '=', inspectionUuid).executeTakeFirst();
  if (ins === undefined) throw new InspectionError('not_found', `inspection ${inspectionUuid} not found`);
  await mustWorkTask(db, Number(ins.task_id), ctx);
  return { id: Number(ins.id) };
}

export async function storeEvidence(
  db: Kysely<Schema>,
  inspectionUuid: string,
  meta: EvidenceMeta,
  bytes: Buffer,
  ctx: { task: TaskContext; dispatches: boolean },
): Promise<{ uuid: string; sha256: string; size: number; duplicate: boolean }> {
  const ins = await evidenceTarget(db, inspectionUuid, ctx);
  if (bytes.length === 0) throw new InspectionError('bad_request', 'the evidence file is empty');
  if (bytes.length > MAX_EVIDENCE_BYTES) throw new InspectionError('bad_request', `the evidence file is larger than ${MAX_EVIDENCE_BYTES} bytes`);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== meta.sha256.toLowerCase()) throw new InspectionError('bad_request', `sha256 mismatch: declared ${meta.sha256}, received bytes hash to ${actual}`);
  return db.transaction().execute(async (trx) => {
    const prior = await trx.selectFrom('inspection_evidence').select(['inspection_id', 'sha256', 'size']).where('uuid', '=', meta.evidenceUuid).executeTakeFirst();
    if (prior !== undefined) {
      if (Number(prior.inspection_id) !== Number(ins.id) || prior.sha256 !== actual) throw new InspectionError('conflict', `evidence ${meta.evidenceUuid} was already uploaded with other content`);
      return { uuid: meta.evidenceUuid, sha256: actual, size: Number(prior.size), duplicate: true };
    }
    const at = ctx.task.at;
    await trx
      .insertInto('inspection_evidence')
      .values({
        uuid: meta.evidenceUuid, inspection_id: ins.id, item_key: meta.itemKey, sha256: actual, mime: meta.mime, size: bytes.length, bytes, captured_at: meta.capturedAt,
        lat: meta.lat, lon: meta.lon, accuracy_m: meta.accuracy, received_at: at, uploaded_by: ctx.task.userId,
      })
      .execute();
    await recordAudit(trx, {
      actor: ctx.task.actor, action: 'evidence', entity: 'inspection', entityId: `${inspectionUuid}/${meta.itemKey}`, ip: ctx.task.ip, at,
      after: { evidence: meta.evidenceUuid, sha256: actual, size: bytes.length, mime: meta.mime, capturedAt: meta.capturedAt, lat: meta.lat, lon: meta.lon },
    });
    return { uuid: meta.evidenceUuid, sha256: actual, size: bytes.length, duplicate: false };
  });
}
