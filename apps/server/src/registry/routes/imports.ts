// Registry import from CSV or XLSX (multipart upload, field `file`): every row is checked, every error is
// reported with its spreadsheet row and column, and nothing is written unless the whole file is valid,
// then all of it in one transaction with one audit row per created or updated record. Rows outside the
// importer's region abort the whole import.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Schema } from '../../platform/db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { REGISTRY_KINDS, describeColumns } from '../registry-columns.ts';
import { importRegistry, type RegistryChange } from '../registry-import.ts';
import { readTable, TabularError } from '../../platform/tabular.ts';
import { canSee, type Principal, type Scope } from '../../access/index.ts';
import { ApiError } from '../../platform/errors.ts';
import { actorOf } from '../../accounts/index.ts';
import type { RouteContext } from '../../http/routes.ts';

const KIND = z.enum(REGISTRY_KINDS as unknown as [string, ...string[]]);

class OutOfScope extends Error {
  constructor(readonly row: number, readonly entity: string) {
    super(`row ${row}: the ${entity} is outside your region`);
  }
}

export function importRoutes({ app, deps }: RouteContext): void {
  app.get(
    '/api/registry/import/:kind/columns',
    { config: { access: { permission: 'registry.write' } }, schema: { tags: ['registry'], params: z.object({ kind: KIND }), response: { 200: z.object({ kind: z.string(), columns: z.array(z.string()) }) } } },
    (req) => ({ kind: req.params.kind, columns: describeColumns(req.params.kind as (typeof REGISTRY_KINDS)[number]) }),
  );

  app.post(
    '/api/registry/import/:kind',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        tags: ['registry'],
        description: 'multipart/form-data with one file field (.csv or .xlsx); ?dryRun=true validates only',
        params: z.object({ kind: KIND }),
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
      },
    },
    async (req, reply) => {
      const kind = req.params.kind as (typeof REGISTRY_KINDS)[number];
      const file = await req.file({ limits: { fileSize: 32 * 1024 * 1024, files: 1 } }).catch(() => undefined);
      if (file === undefined) throw new ApiError('bad_request', 'send the table as multipart/form-data with a file field');
      let table;
      try {
        table = await readTable(await file.toBuffer(), file.filename);
      } catch (err) {
        if (err instanceof TabularError) throw new ApiError('bad_request', err.message, { code: err.code });
        throw err;
      }
      const principal = req.principal!;
      const scope = req.scope!;
      const db = deps.database.db;
      try {
        const now = deps.now();
        const report = await importRegistry(db, kind, table, principal, {
          dryRun: req.query.dryRun === 'true',
          now,
          onWrite: async (trx, change: RegistryChange<Principal>) => {
            await checkScope(trx, scope, change);
            await recordAudit(trx, {
              actor: actorOf(change.actor), action: change.action, entity: change.entity, entityId: change.id, before: change.before, after: change.after, ip: req.ip, at: now,
            });
          },
        });
        if (!report.ok) return reply.status(400).send({ error: { code: 'bad_request', message: `${report.errors.length} problem(s) in the file; nothing was imported`, details: report.errors } });
        if (!report.dryRun) await deps.onRegistryChanged?.();
        return report;
      } catch (err) {
        if (err instanceof OutOfScope) throw new ApiError('forbidden', `${err.message}; nothing was imported`, [{ row: err.row, column: null, code: 'out_of_region', message: err.message }]);
        throw err;
      }
    },
  );
}

/** The enterprise a changed record belongs to must be in the importer's scope. */
async function checkScope(trx: Transaction<Schema>, scope: Scope, change: RegistryChange<Principal>): Promise<void> {
  const after = change.after;
  let regionCode: string | undefined;
  let enterpriseId: number | null = null;
  if (change.entity === 'enterprise') {
    regionCode = String(after.region_code);
    enterpriseId = change.id;
  } else {
    enterpriseId = await enterpriseOf(trx, change);
    if (enterpriseId !== null) {
      const e = await trx.selectFrom('enterprises').select('region_code').where('id', '=', enterpriseId).executeTakeFirst();
      regionCode = e?.region_code;
    }
  }
  if (regionCode === undefined || !canSee(scope, { regionCode, enterpriseId })) throw new OutOfScope(change.row, change.entity);
}

async function enterpriseOf(trx: Transaction<Schema>, change: RegistryChange<Principal>): Promise<number | null> {
  const a = change.after;
  switch (change.entity) {
    case 'outlet':
    case 'permit':
      return Number(a.enterprise_id);
    case 'monitoring_point': {
      const o = await trx.selectFrom('outlets').select('enterprise_id').where('id', '=', Number(a.outlet_id)).executeTakeFirst();
      return o === undefined ? null : Number(o.enterprise_id);
    }
    case 'device': {
      const p = await trx.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select('o.enterprise_id').where('p.id', '=', Number(a.point_id)).executeTakeFirst();
      return p === undefined ? null : Number(p.enterprise_id);
    }
    case 'permit_limit': {
      const p = await trx.selectFrom('permits').select('enterprise_id').where('id', '=', Number(a.permit_id)).executeTakeFirst();
      return p === undefined ? null : Number(p.enterprise_id);
    }
    case 'enterprise':
      return change.id;
  }
}
