// Monthly values of each point and factor (issue 4 §2: minutes roll into hourly, daily and monthly values,
// incrementally as periods close and again when late or corrected data arrive). A row per point × factor ×
// Beijing calendar month, recomputed from the month's stored daily values and daily emitted mass whenever a day
// of that month is closed or closed again — so a month is never summed from minutes at read time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('compliance_months')
    .addColumn('point_id', 'integer', (c) => c.notNull())
    .addColumn('factor', 'text', (c) => c.notNull())
    // Beijing midnight of the month's first day (epoch ms), and the month as YYYY-MM (Beijing) for reading.
    .addColumn('month_start', 'bigint', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    // Daily values stored in the month (factors with a daily limit), and those with status normal.
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('valid_days', 'integer', (c) => c.notNull())
    // Mean and maximum of the valid daily values: as measured, and converted to the reference O2.
    .addColumn('mean', 'double precision')
    .addColumn('max', 'double precision')
    .addColumn('converted_mean', 'double precision')
    .addColumn('converted_max', 'double precision')
    // Valid daily values over the daily limit in force on their day (as judge() decides when the day closes).
    .addColumn('exceeded_days', 'integer', (c) => c.notNull())
    // Sum of the month's emission_mass rows (kg; null: no day with a mass) and the days they cover.
    .addColumn('mass_kg', 'double precision')
    .addColumn('mass_days', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('compliance_months_pk', ['point_id', 'factor', 'month_start'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
