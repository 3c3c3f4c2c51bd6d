// Consent to electronic service (电子送达确认书). The Administrative Penalty Law lets a bureau serve a decision
// by fax, e-mail or other electronic means only where the party agrees and signs a confirmation (APL art. 61
// ¶2). The enterprise's user signs it on its login (who signs, in what capacity, the phone, e-mail and the
// address for service on paper); while it is in force the documents issued to the enterprise are served on
// its login (document_service.mode 'electronic'); without it the login gets a copy and the bureau serves the
// document another way ('copy'). A withdrawal ends it from that moment: documents already served stay served.
// Signing and withdrawing are audited with the consent's content.
import type { Kysely, Transaction } from 'kysely';
import type { ServiceConsent, ServiceConsentInput, ServiceConsentState, ServiceMode } from '@ecoenforce/contract';
import type { Schema } from '../../platform/db/schema.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import { ApiError } from '../../platform/errors.ts';
import { userNames } from '../../accounts/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

export interface ConsentActor {
  userId: number;
  actor: AuditActor;
  ip: string | null;
  at: number;
}

async function toConsents(db: Db, rows: ReadonlyArray<{ id: number; signed_at: number; signed_by: number; signer_name: string; signer_title: string; phone: string; email: string | null; address: string; withdrawn_at: number | null; withdrawn_by: number | null }>): Promise<ServiceConsent[]> {
  const names = await userNames(db, rows.flatMap((r) => [String(r.signed_by), ...(r.withdrawn_by === null ? [] : [String(r.withdrawn_by)])]));
  return rows.map((r) => ({
    id: Number(r.id), signedAt: Number(r.signed_at), signedByName: names.get(String(r.signed_by)) ?? null,
    signerName: r.signer_name, signerTitle: r.signer_title, phone: r.phone, email: r.email, address: r.address,
    withdrawnAt: r.withdrawn_at === null ? null : Number(r.withdrawn_at),
    withdrawnByName: r.withdrawn_by === null ? null : (names.get(String(r.withdrawn_by)) ?? null),
  }));
}

const CONSENT_COLUMNS = ['id', 'signed_at', 'signed_by', 'signer_name', 'signer_title', 'phone', 'email', 'address', 'withdrawn_at', 'withdrawn_by'] as const;

/** The mode a document issued to the enterprise at `at` is served in: electronic while a consent is in force. */
export async function serviceModeAt(db: Db, enterpriseId: number, at: number): Promise<ServiceMode> {
  const inForce = await db.selectFrom('service_consents').select('id')
    .where('enterprise_id', '=', enterpriseId).where('signed_at', '<=', at)
    .where((eb) => eb.or([eb('withdrawn_at', 'is', null), eb('withdrawn_at', '>', at)]))
    .limit(1).executeTakeFirst();
  return inForce === undefined ? 'copy' : 'electronic';
}

/** The consent signed at or before `at` and in force then (the service receipt cites it), or undefined. */
export async function consentInForceAt(db: Db, enterpriseId: number, at: number): Promise<ServiceConsent | undefined> {
  const rows = await db.selectFrom('service_consents').select(CONSENT_COLUMNS)
    .where('enterprise_id', '=', enterpriseId).where('signed_at', '<=', at)
    .where((eb) => eb.or([eb('withdrawn_at', 'is', null), eb('withdrawn_at', '>', at)]))
    .orderBy('signed_at', 'desc').limit(1).execute();
  return (await toConsents(db, rows))[0];
}

/** The enterprise's consent in force, the earlier ones (newest first), and the form's defaults from the registry. */
export async function consentState(db: Kysely<Schema>, enterpriseId: number): Promise<ServiceConsentState> {
  const rows = await db.selectFrom('service_consents').select(CONSENT_COLUMNS).where('enterprise_id', '=', enterpriseId).orderBy('signed_at', 'desc').orderBy('id', 'desc').execute();
  const all = await toConsents(db, rows);
  const e = await db.selectFrom('enterprises').select(['name', 'address', 'legal_representative']).where('id', '=', enterpriseId).executeTakeFirst();
  return {
    consent: all.find((c) => c.withdrawnAt === null) ?? null,
    history: all.filter((c) => c.withdrawnAt !== null),
    defaults: { enterpriseName: e?.name ?? '', address: e?.address ?? '', signerName: e?.legal_representative ?? '', signerTitle: e?.legal_representative == null ? '' : '法定代表人' },
  };
}

/** Signs a consent for the enterprise; refused while one is in force (withdraw it first, so the record stays plain). */
export async function signConsent(db: Kysely<Schema>, enterpriseId: number, input: ServiceConsentInput, by: ConsentActor): Promise<ServiceConsent> {
  return db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('service_consents').select('id').where('enterprise_id', '=', enterpriseId).where('withdrawn_at', 'is', null).executeTakeFirst();
    if (open !== undefined) throw new ApiError('conflict', 'a consent to electronic service is already in force', { reason: 'consent_in_force' });
    const values = {
      enterprise_id: enterpriseId, signed_at: by.at, signed_by: by.userId, signer_name: input.signerName.trim(), signer_title: input.signerTitle.trim(),
      phone: input.phone.trim(), email: input.email == null || input.email.trim() === '' ? null : input.email.trim(), address: input.address.trim(), withdrawn_at: null, withdrawn_by: null,
    };
    const { id } = await trx.insertInto('service_consents').values(values).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: by.actor, action: 'sign', entity: 'service_consent', entityId: Number(id), ip: by.ip, at: by.at,
      after: { enterpriseId, signerName: values.signer_name, signerTitle: values.signer_title, phone: values.phone, email: values.email, address: values.address },
    });
    const rows = await trx.selectFrom('service_consents').select(CONSENT_COLUMNS).where('id', '=', Number(id)).execute();
    return (await toConsents(trx, rows))[0]!;
  });
}

/** Withdraws the consent in force from now on; 404 when there is none. */
export async function withdrawConsent(db: Kysely<Schema>, enterpriseId: number, by: ConsentActor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom('service_consents').select(['id', 'signed_at']).where('enterprise_id', '=', enterpriseId).where('withdrawn_at', 'is', null).executeTakeFirst();
    if (open === undefined) throw new ApiError('not_found', 'no consent to electronic service is in force', { reason: 'no_consent' });
    await trx.updateTable('service_consents').set({ withdrawn_at: by.at, withdrawn_by: by.userId }).where('id', '=', open.id).where('withdrawn_at', 'is', null).execute();
    await recordAudit(trx, {
      actor: by.actor, action: 'withdraw', entity: 'service_consent', entityId: Number(open.id), ip: by.ip, at: by.at,
      before: { enterpriseId, signedAt: Number(open.signed_at) }, after: { enterpriseId, withdrawnAt: by.at },
    });
  });
}
