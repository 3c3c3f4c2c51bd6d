// Registry import: one kind per file (registry-columns.ts documents the columns). Every row is checked
// (cell formats with zod, then references against the database) and every error is reported with the row
// and header the user sees; nothing is written unless the whole file is valid, and then everything is
// written in one transaction, upserting by natural key (USCC; USCC + outlet code; MN; MN + kind + factor;
// permit number; permit number + outlet + factor + basis).
//
// Update rule: a column present in the file overwrites (an empty cell clears it, or resets it to its
// default); a column absent from the file leaves the stored value as it is.
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { factorInfo, to2017Code } from '@ecoenforce/hj212';
import { validateUscc } from '@ecoenforce/domain';
import type { Schema } from '../platform/db/schema.ts';
import type { Table } from '../platform/tabular.ts';
import { HEADERS, SCHEMAS, isRequired, normalizeHeader, type Parsed, type RegistryKind } from './registry-columns.ts';

export type { RegistryKind } from './registry-columns.ts';

export interface ImportRowError {
  /** Spreadsheet row: the header is row 1, the first data row is 2. */
  row: number;
  /** The header as written in the file (or the column's Chinese name when it is missing); null for the whole row. */
  column: string | null;
  code: string;
  message: string;
}

export type ImportReport =
  | { ok: true; inserted: number; updated: number; unchanged: number; dryRun: boolean; ignoredColumns: string[] }
  | { ok: false; errors: ImportRowError[] };

type RegistryTable = 'enterprises' | 'outlets' | 'monitoring_points' | 'devices' | 'permits' | 'permit_limits';
const TABLE_OF: Record<RegistryKind, RegistryTable> = {
  enterprises: 'enterprises', outlets: 'outlets', points: 'monitoring_points', devices: 'devices', permits: 'permits', permit_limits: 'permit_limits',
};
/** Audit entity names, singular like the rest of the audit log ('user', 'api_token'). */
export type RegistryEntity = 'enterprise' | 'outlet' | 'monitoring_point' | 'device' | 'permit' | 'permit_limit';
const ENTITY_OF: Record<RegistryKind, RegistryEntity> = {
  enterprises: 'enterprise', outlets: 'outlet', points: 'monitoring_point', devices: 'device', permits: 'permit', permit_limits: 'permit_limit',
};

/** What the audit hook receives, once per inserted or updated row, inside the import's transaction. */
export interface RegistryChange<A> {
  entity: RegistryEntity;
  id: number;
  action: 'create' | 'update';
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  actor: A;
  /** Spreadsheet row the change came from. */
  row: number;
}

export interface ImportOptions<A> {
  onWrite?: (trx: Transaction<Schema>, change: RegistryChange<A>) => Promise<void>;
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** created_at of new enterprises (epoch ms); default Date.now(). */
  now?: number;
}

/** A registry file is a bureau's enterprises, not millions of rows; more is a mistake. */
export const MAX_IMPORT_ROWS = 50_000;

type Row = { id: number } & Record<string, unknown>;
interface Op { row: number; before: Row | undefined; values: Record<string, unknown>; patch: Record<string, unknown> }
interface RowIn<K extends RegistryKind> { row: number; v: Partial<Parsed<K>>; complete: boolean }

interface PlanContext {
  error(row: number, key: string | null, code: string, message: string): void;
  /** True (and reported) when the natural key was already used by an earlier row of the file. */
  duplicate(seen: Map<string, number>, key: string, row: number, column: string): boolean;
  /** An upsert; `rename` maps value keys to the file column they come from when the names differ. */
  op(row: number, before: Row | undefined, values: Record<string, unknown>, rename?: Record<string, string>): Op;
  now: number;
}

export async function importRegistry<A>(db: Kysely<Schema>, kind: RegistryKind, table: Table, actor: A, opts: ImportOptions<A> = {}): Promise<ImportReport> {
  const errors: ImportRowError[] = [];
  const { columns, ignored } = mapHeaders(kind, table.headers, errors);
  if (errors.length > 0) return { ok: false, errors };
  if (table.rows.length > MAX_IMPORT_ROWS) {
    return { ok: false, errors: [{ row: MAX_IMPORT_ROWS + 2, column: null, code: 'too_many_rows', message: `at most ${MAX_IMPORT_ROWS} rows per file` }] };
  }
  const colName = (key: string): string => columns.get(key) ?? (HEADERS[kind] as Record<string, readonly string[]>)[key]?.[0] ?? key;
  const shape = SCHEMAS[kind].shape as Record<string, z.ZodType>;
  const rows: Array<RowIn<RegistryKind>> = [];
  table.rows.forEach((rec, i) => {
    const row = i + 2;
    const cells = new Map<string, string>();
    for (const [key, header] of columns) {
      const cell = clean(rec[header] ?? '');
      if (cell !== '') cells.set(key, cell);
    }
    if (cells.size === 0) return; // a blank line inside the sheet
    const v: Record<string, unknown> = {};
    let complete = true;
    for (const [key, schema] of Object.entries(shape)) {
      const r = schema.safeParse(cells.get(key));
      if (r.success) {
        if (r.data !== undefined) v[key] = r.data;
        continue;
      }
      complete = false;
      // One error per cell: the first issue says what is wrong with it.
      const issue = r.error.issues[0]!;
      errors.push({ row, column: colName(key), code: issueCode(issue, cells.has(key)), message: cells.has(key) ? issue.message : 'required' });
    }
    rows.push({ row, v, complete });
  });

  const present = new Set(columns.keys());
  const ctx: PlanContext = {
    error: (row, key, code, message) => errors.push({ row, column: key === null ? null : colName(key), code, message }),
    duplicate(seen, key, row, column) {
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, row);
        return false;
      }
      ctx.error(row, column, 'duplicate_key', `same ${column} as row ${first}`);
      return true;
    },
    op(row, before, values, rename = {}) {
      const patch = Object.fromEntries(Object.entries(values).filter(([k]) => present.has(rename[k] ?? k)));
      return { row, before, values, patch };
    },
    now: opts.now ?? Date.now(),
  };
  const ops = await PLANNERS[kind](db, rows, ctx);
  if (errors.length > 0) {
    // Row by row, and within a row left to right as the columns stand in the file.
    const at = (column: string | null): number => (column === null ? -1 : (table.headers.indexOf(column) + 1 || Infinity));
    return { ok: false, errors: errors.sort((a, b) => a.row - b.row || at(a.column) - at(b.column)) };
  }

  const changed = (op: Op): boolean => op.before === undefined || Object.entries(op.patch).some(([k, val]) => op.before?.[k] !== val);
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  if (opts.dryRun === true) {
    for (const op of ops) {
      if (op.before === undefined) inserted++;
      else if (changed(op)) updated++;
      else unchanged++;
    }
    return { ok: true, inserted, updated, unchanged, dryRun: true, ignoredColumns: ignored };
  }
  const tableName = TABLE_OF[kind];
  const entity = ENTITY_OF[kind];
  await db.transaction().execute(async (trx) => {
    // The table name is one of six constants and each op's values were built (and validated) for that
    // table's columns; Kysely cannot relate a union of table names to one row type, hence the loose types.
    for (const op of ops) {
      if (op.before === undefined) {
        const after = (await trx.insertInto(tableName).values(op.values).returningAll().executeTakeFirstOrThrow()) as Row;
        inserted++;
        await opts.onWrite?.(trx, { entity, id: after.id, action: 'create', before: null, after, actor, row: op.row });
      } else if (changed(op)) {
        const after = (await trx.updateTable(tableName).set(op.patch as never).where('id', '=', op.before.id).returningAll().executeTakeFirstOrThrow()) as Row;
        updated++;
        await opts.onWrite?.(trx, { entity, id: after.id, action: 'update', before: op.before, after, actor, row: op.row });
      } else {
        unchanged++;
      }
    }
  });
  return { ok: true, inserted, updated, unchanged, dryRun: false, ignoredColumns: ignored };
}

/** Trimmed cell; the quote our CSV export puts before = + - @ (tabular.ts) is taken off again. */
function clean(cell: string): string {
  return cell.trim().replace(/^'(?=[=+\-@])/, '');
}

function issueCode(issue: z.core.$ZodIssue, hadValue: boolean): string {
  if (!hadValue) return 'required';
  if (issue.code === 'custom') return typeof issue.params?.code === 'string' ? issue.params.code : 'invalid';
  if (issue.code === 'too_big' || issue.code === 'too_small') return issue.origin === 'string' ? 'too_long' : 'out_of_range';
  return issue.code === 'invalid_format' ? 'invalid_format' : 'invalid';
}

/** Header → column key. Exports write '中文 English'; either half, or the whole, may match an alias. */
function mapHeaders(kind: RegistryKind, headers: readonly string[], errors: ImportRowError[]): { columns: Map<string, string>; ignored: string[] } {
  const names = HEADERS[kind] as Record<string, readonly string[]>;
  const byAlias = new Map<string, string>();
  for (const [key, aliases] of Object.entries(names)) for (const a of [key, ...aliases]) byAlias.set(normalizeHeader(a), key);
  const columns = new Map<string, string>();
  const ignored: string[] = [];
  for (const h of headers) {
    if (h === '') continue;
    const [first = '', ...rest] = h.split(/\s+/);
    const key = [h, first, rest.join(' ')].map(normalizeHeader).filter((c) => c !== '').map((c) => byAlias.get(c)).find((k) => k !== undefined);
    if (key === undefined) ignored.push(h);
    else if (columns.has(key)) errors.push({ row: 1, column: h, code: 'duplicate_column', message: `'${h}' and '${columns.get(key)}' are the same column (${key})` });
    else columns.set(key, h);
  }
  for (const key of Object.keys(names)) {
    if (!columns.has(key) && isRequired(kind, key)) {
      errors.push({ row: 1, column: names[key]?.[0] ?? key, code: 'missing_column', message: `required column ${names[key]?.[0] ?? key} (${key}) is missing` });
    }
  }
  return { columns, ignored };
}

/** `where x in (…)` in slices: both dialects cap bound parameters (SQLite 32766, PostgreSQL 65535). */
async function chunked<V, R>(values: Iterable<V>, run: (chunk: V[]) => Promise<R[]>): Promise<R[]> {
  const all = [...new Set(values)];
  const out: R[] = [];
  for (let i = 0; i < all.length; i += 500) out.push(...(await run(all.slice(i, i + 500))));
  return out;
}

const defined = <T>(xs: ReadonlyArray<T | undefined>): T[] => xs.filter((x): x is T => x !== undefined);

/** The measured medium of a factor: 2017 codes start with a (air) or w (water). */
const mediumOf = (code: string): 'air' | 'water' | null => {
  const c = factorInfo(code)?.code2017 ?? '';
  return c.startsWith('a') ? 'air' : c.startsWith('w') ? 'water' : null;
};

type Planner<K extends RegistryKind> = (db: Kysely<Schema>, rows: Array<RowIn<K>>, c: PlanContext) => Promise<Op[]>;

const PLANNERS: { [K in RegistryKind]: Planner<K> } = {
  async enterprises(db, rows, c) {
    const regions = new Set((await chunked(defined(rows.map((r) => r.v.region_code)), (ch) => db.selectFrom('regions').select('code').where('code', 'in', ch).execute())).map((r) => r.code));
    const existing = new Map((await chunked(defined(rows.map((r) => r.v.uscc)), (ch) => db.selectFrom('enterprises').selectAll().where('uscc', 'in', ch).execute())).map((e) => [e.uscc, e]));
    const seen = new Map<string, number>();
    const ops: Op[] = [];
    for (const { row, v, complete } of rows) {
      if (v.region_code !== undefined && !regions.has(v.region_code)) c.error(row, 'region_code', 'unknown_region', `region ${v.region_code} is not in the region table`);
      if (v.uscc === undefined || c.duplicate(seen, v.uscc, row, 'uscc') || !complete) continue;
      const e = v as Parsed<'enterprises'>;
      ops.push(c.op(row, existing.get(e.uscc), {
        uscc: e.uscc, name: e.name, region_code: e.region_code, industry: e.industry ?? e.industry_code ?? '', industry_code: e.industry_code ?? null,
        management_category: e.management_category, address: e.address, lat: e.lat, lng: e.lng,
        key_air: e.key_air ?? 0, key_water: e.key_water ?? 0, key_soil: e.key_soil ?? 0, key_hazardous_waste: e.key_hazardous_waste ?? 0,
        carbon_key_emitter: e.carbon_key_emitter ?? 0, legal_representative: e.legal_representative ?? null, created_at: c.now,
      }));
    }
    return ops;
  },

  async outlets(db, rows, c) {
    const enterprises = new Map((await chunked(defined(rows.map((r) => r.v.uscc)), (ch) => db.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', ch).execute())).map((e) => [e.uscc, e.id]));
    const existing = new Map((await chunked(enterprises.values(), (ch) => db.selectFrom('outlets').selectAll().where('enterprise_id', 'in', ch).execute())).map((o) => [`${o.enterprise_id}/${o.code}`, o]));
    const seen = new Map<string, number>();
    const ops: Op[] = [];
    for (const { row, v, complete } of rows) {
      const enterpriseId = v.uscc === undefined ? undefined : enterprises.get(v.uscc);
      if (v.uscc !== undefined && enterpriseId === undefined) c.error(row, 'uscc', 'unknown_enterprise', `no enterprise with USCC ${v.uscc}`);
      // HJ 1200 / permit practice: DA… are air outlets, DW… water outlets.
      const expected = v.outlet_code?.startsWith('DA') === true ? 'air' : v.outlet_code?.startsWith('DW') === true ? 'water' : undefined;
      if (expected !== undefined && v.kind !== undefined && v.kind !== expected) c.error(row, 'kind', 'kind_mismatch', `outlet ${v.outlet_code} is a${expected === 'air' ? 'n air' : ' water'} outlet`);
      if (v.uscc === undefined || v.outlet_code === undefined || c.duplicate(seen, `${v.uscc}/${v.outlet_code}`, row, 'outlet_code') || !complete || enterpriseId === undefined) continue;
      const o = v as Parsed<'outlets'>;
      ops.push(c.op(row, existing.get(`${enterpriseId}/${o.outlet_code}`), { enterprise_id: enterpriseId, code: o.outlet_code, kind: o.kind, name: o.name }, { enterprise_id: 'uscc', code: 'outlet_code' }));
    }
    return ops;
  },

  async points(db, rows, c) {
    const outlets = new Map(
      (await chunked(defined(rows.map((r) => r.v.uscc)), (ch) =>
        db.selectFrom('outlets as o').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id').select(['o.id', 'o.code', 'o.kind', 'o.enterprise_id', 'e.uscc']).where('e.uscc', 'in', ch).execute(),
      )).map((o) => [`${o.uscc}/${o.code}`, o]),
    );
    const existing = new Map(
      (await chunked(defined(rows.map((r) => r.v.mn)), (ch) =>
        db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').selectAll('p').select('o.enterprise_id').where('p.mn', 'in', ch).execute(),
      )).map((p) => [p.mn, p]),
    );
    const seen = new Map<string, number>();
    const ops: Op[] = [];
    for (const { row, v, complete } of rows) {
      const outlet = v.uscc === undefined || v.outlet_code === undefined ? undefined : outlets.get(`${v.uscc}/${v.outlet_code}`);
      if (v.uscc !== undefined && v.outlet_code !== undefined && outlet === undefined) c.error(row, 'outlet_code', 'unknown_outlet', `enterprise ${v.uscc} has no outlet ${v.outlet_code}`);
      const before = v.mn === undefined ? undefined : existing.get(v.mn);
      // Moving a logger to another enterprise would re-attribute its evidence: refuse it here.
      if (before !== undefined && outlet !== undefined && before.enterprise_id !== outlet.enterprise_id) c.error(row, 'mn', 'mn_taken', `MN ${v.mn} is registered to another enterprise`);
      if (v.lat === undefined && v.lng !== undefined) c.error(row, 'lat', 'incomplete_location', 'give both latitude and longitude, or neither');
      if (v.lat !== undefined && v.lng === undefined) c.error(row, 'lng', 'incomplete_location', 'give both latitude and longitude, or neither');
      const foreign = outlet === undefined ? [] : (v.factors ?? []).filter((f) => mediumOf(f) !== outlet.kind);
      if (foreign.length > 0) c.error(row, 'factors', 'factor_kind_mismatch', `not ${outlet?.kind} factors: ${foreign.join(', ')}`);
      if (v.mn === undefined || c.duplicate(seen, v.mn, row, 'mn') || !complete || outlet === undefined) continue;
      const p = v as Parsed<'points'>;
      const { enterprise_id: _, ...stored } = before ?? { enterprise_id: 0 };
      ops.push(c.op(row, before === undefined ? undefined : (stored as Row), {
        outlet_id: outlet.id, mn: p.mn, pw: p.pw, crc_variants: p.crc_variants ?? 'hj212', protocol_version: p.protocol_version ?? '2017',
        // HJ 212-2017 Table 4 system codes: 31 flue gas, 32 surface/waste water.
        st: p.st ?? (outlet.kind === 'air' ? '31' : '32'), factors: JSON.stringify(p.factors), active: p.active ?? 1, lat: p.lat ?? null, lng: p.lng ?? null,
      }, { outlet_id: 'outlet_code' }));
    }
    return ops;
  },

  async devices(db, rows, c) {
    const points = new Map((await chunked(defined(rows.map((r) => r.v.mn)), (ch) => db.selectFrom('monitoring_points').select(['id', 'mn', 'factors']).where('mn', 'in', ch).execute())).map((p) => [p.mn, p]));
    const existing = new Map(
      (await chunked([...points.values()].map((p) => p.id), (ch) => db.selectFrom('devices').selectAll().where('point_id', 'in', ch).execute())).map((d) => [`${d.point_id}/${d.kind}/${d.factor}`, d]),
    );
    const seen = new Map<string, number>();
    const ops: Op[] = [];
    for (const { row, v, complete } of rows) {
      const point = v.mn === undefined ? undefined : points.get(v.mn);
      if (v.mn !== undefined && point === undefined) c.error(row, 'mn', 'unknown_point', `no monitoring point with MN ${v.mn}`);
      const needsFactor = v.kind === 'analyzer' || v.kind === 'flowmeter' || v.kind === 'sampler';
      if (needsFactor && v.factor === undefined && complete) c.error(row, 'factor', 'required', `a${v.kind === 'analyzer' ? 'n' : ''} ${v.kind} measures one factor`);
      if (point !== undefined && v.factor !== undefined) {
        const monitored = (JSON.parse(point.factors) as string[]).map(to2017Code);
        if (!monitored.includes(v.factor)) c.error(row, 'factor', 'factor_not_monitored', `point ${point.mn} does not monitor ${v.factor}`);
      }
      if (v.range_low !== undefined && v.range_high !== undefined && v.range_low >= v.range_high) c.error(row, 'range_high', 'invalid_range', 'the upper end of the range must exceed the lower');
      if (v.mn === undefined || v.kind === undefined || c.duplicate(seen, `${v.mn}/${v.kind}/${v.factor ?? ''}`, row, 'mn') || !complete || point === undefined) continue;
      const d = v as Parsed<'devices'>;
      ops.push(c.op(row, existing.get(`${point.id}/${d.kind}/${d.factor ?? ''}`), {
        point_id: point.id, factor: d.factor ?? '', kind: d.kind, manufacturer: d.manufacturer ?? null, model: d.model ?? null, serial: d.serial ?? null,
        range_low: d.range_low ?? null, range_high: d.range_high ?? null, unit: d.unit ?? (d.factor === undefined ? null : (factorInfo(d.factor)?.unit ?? null)),
        installed_at: d.installed_at ?? null,
      }, { point_id: 'mn' }));
    }
    return ops;
  },

  async permits(db, rows, c) {
    const enterprises = new Map(
      (await chunked(defined(rows.map((r) => r.v.uscc)), (ch) => db.selectFrom('enterprises').select(['id', 'uscc', 'management_category']).where('uscc', 'in', ch).execute())).map((e) => [e.uscc, e]),
    );
    const existing = new Map((await chunked(defined(rows.map((r) => r.v.permit_number)), (ch) => db.selectFrom('permits').selectAll().where('number', 'in', ch).execute())).map((p) => [p.number, p]));
    const seen = new Map<string, number>();
    const ops: Op[] = [];
    for (const { row, v, complete } of rows) {
      const e = v.uscc === undefined ? undefined : enterprises.get(v.uscc);
      if (v.uscc !== undefined && e === undefined) c.error(row, 'uscc', 'unknown_enterprise', `no enterprise with USCC ${v.uscc}`);
      // 登记管理 units file a registration (排污登记), not a permit (PRM art. 24).
      if (e?.management_category === 'registration') c.error(row, 'uscc', 'registration_only', `enterprise ${e.uscc} is under registration management and holds no permit`);
      const prefix = v.permit_number?.slice(0, 18);
      if (prefix !== undefined && v.uscc !== undefined && validateUscc(prefix).ok && prefix !== v.uscc) c.error(row, 'permit_number', 'number_mismatch', `permit number starts with USCC ${prefix}, not ${v.uscc}`);
      const before = v.permit_number === undefined ? undefined : existing.get(v.permit_number);
      if (before !== undefined && e !== undefined && before.enterprise_id !== e.id) c.error(row, 'permit_number', 'number_taken', `permit ${v.permit_number} belongs to another enterprise`);
      if (v.valid_from !== undefined && v.valid_to !== undefined && v.valid_from >= v.valid_to) c.error(row, 'valid_to', 'invalid_period', 'the permit must end after it starts');
      if (v.issued_at !== undefined && v.valid_to !== undefined && v.issued_at >= v.valid_to) c.error(row, 'issued_at', 'invalid_period', 'issued after the end of its validity');
      if (v.permit_number === undefined || c.duplicate(seen, v.permit_number, row, 'permit_number') || !complete || e === undefined) continue;
      const p = v as Parsed<'permits'>;
      ops.push(c.op(row, before, {
        enterprise_id: e.id, number: p.permit_number, issued_at: p.issued_at, valid_from: p.valid_from, valid_to: p.valid_to, issuer: p.issuer, status: p.status ?? 'valid',
      }, { enterprise_id: 'uscc', number: 'permit_number' }));
    }
    return ops;
  },

  async permit_limits(db, rows, c) {
    const permits = new Map((await chunked(defined(rows.map((r) => r.v.permit_number)), (ch) => db.selectFrom('permits').select(['id', 'number', 'enterprise_id']).where('number', 'in', ch).execute())).map((p) => [p.number, p]));
    const outlets = new Map(
      (await chunked([...permits.values()].map((p) => p.enterprise_id), (ch) => db.selectFrom('outlets').select(['id', 'code', 'kind', 'enterprise_id']).where('enterprise_id', 'in', ch).execute())).map((o) => [`${o.enterprise_id}/${o.code}`, o]),
    );
    // Ordinary limits only: a special-period row shares the key (permit/outlet/factor/basis) and must not be overwritten by the CSV's ordinary value.
    const existing = new Map(
      (await chunked([...permits.values()].map((p) => p.id), (ch) => db.selectFrom('permit_limits').selectAll().where('permit_id', 'in', ch).where('special_kind', 'is', null).execute())).map((l) => [`${l.permit_id}/${l.outlet_id}/${l.factor}/${l.basis}`, l]),
    );
    const seen = new Map<string, number>();
    const ops: Op[] = [];
    for (const { row, v, complete } of rows) {
      const permit = v.permit_number === undefined ? undefined : permits.get(v.permit_number);
      if (v.permit_number !== undefined && permit === undefined) c.error(row, 'permit_number', 'unknown_permit', `no permit numbered ${v.permit_number}`);
      const outlet = permit === undefined || v.outlet_code === undefined ? undefined : outlets.get(`${permit.enterprise_id}/${v.outlet_code}`);
      if (permit !== undefined && v.outlet_code !== undefined && outlet === undefined) c.error(row, 'outlet_code', 'unknown_outlet', `the permit holder has no outlet ${v.outlet_code}`);
      if (outlet !== undefined && v.factor !== undefined && mediumOf(v.factor) !== outlet.kind) c.error(row, 'factor', 'factor_kind_mismatch', `${v.factor} is not measured at ${outlet.kind} outlets`);
      if (outlet?.kind === 'water' && v.reference_o2 !== undefined) c.error(row, 'reference_o2', 'not_applicable', 'reference O2 applies to flue gas only');
      if (!complete || permit === undefined || outlet === undefined) continue;
      const l = v as Parsed<'permit_limits'>;
      // Flue gas is judged on hourly means, water on daily means (GB 18918-2002 §4.1.4.2) unless stated.
      const basis = l.basis ?? (outlet.kind === 'air' ? 'hourly' : 'daily');
      if (c.duplicate(seen, `${permit.id}/${outlet.id}/${l.factor}/${basis}`, row, 'factor')) continue;
      ops.push(c.op(row, existing.get(`${permit.id}/${outlet.id}/${l.factor}/${basis}`), {
        permit_id: permit.id, outlet_id: outlet.id, factor: l.factor, limit_value: l.limit_value, unit: l.unit ?? factorInfo(l.factor)?.unit ?? '', basis,
        reference_o2: l.reference_o2 ?? null, annual_quantity_t: l.annual_quantity_t ?? null, standard: l.standard ?? null, note: l.note ?? null,
      }, { permit_id: 'permit_number', outlet_id: 'outlet_code' }));
    }
    return ops;
  },
};
