// Shared set-up for the compliance tests: one air point in Guangdong whose permit sets an hourly SO2
// limit of 35 mg/m³ at 6 % O2.
import { makeUscc } from '@ecoenforce/domain';
import type { TestStore } from './store-fixtures.ts';

export async function airPointWithLimit(store: TestStore, opts: { orgBody: string; mn: string; name: string }): Promise<{ pointId: number; mn: string }> {
  const db = store.database.db;
  await db.insertInto('regions').values({ code: '440000', name: '广东省', level: 'province', parent_code: null }).execute();
  const uscc = makeUscc({ authority: '9', kind: '1', region: '440000', orgBody: opts.orgBody });
  const e = await db.insertInto('enterprises').values({ uscc, name: opts.name, region_code: '440000', industry: 'thermal_power', address: '—', lat: 23, lng: 113, created_at: 0 }).returning('id').executeTakeFirstOrThrow();
  const o = await db.insertInto('outlets').values({ enterprise_id: e.id, code: 'DA001', kind: 'air', name: '1号烟囱' }).returning('id').executeTakeFirstOrThrow();
  const p = await db.insertInto('monitoring_points').values({ outlet_id: o.id, mn: opts.mn, pw: '123456', crc_variants: 'hj212', protocol_version: '2017', st: '31', factors: '["a21026","a19001"]', active: 1 }).returning('id').executeTakeFirstOrThrow();
  const permit = await db
    .insertInto('permits')
    .values({ enterprise_id: e.id, number: `${uscc}001P`, issued_at: 0, valid_from: Date.UTC(2026, 0, 1), valid_to: Date.UTC(2031, 0, 1), issuer: '广东省生态环境厅', status: 'valid' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('permit_limits').values({ permit_id: permit.id, outlet_id: o.id, factor: 'a21026', limit_value: 35, unit: 'mg/m3', basis: 'hourly', reference_o2: 6, annual_quantity_t: null, standard: 'GB 13223-2011', note: null }).execute();
  return { pointId: Number(p.id), mn: opts.mn };
}
