// Electricity meters (issue 4 §5: treatment equipment off while production runs). A meter is one factor of
// a data logger that the gateway already knows as a monitoring point: the enterprise's meter logger sends
// HJ 212 minute frames whose factor codes name its meters (HJ 212-2017 has no general code for equipment
// power, so the code is whatever the logger sends, registered here). The role says what the power proves:
// `production` equipment running, or `treatment` (abatement) equipment running for the outlet it serves.
// And the mass each point emitted per Beijing day and pollutant (issue 4 §4, annual permitted quantity),
// written when the day is closed, so a year-to-date figure sums at most 366 rows per point and factor.
import { sql, type Kysely } from 'kysely';
import { withId } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await withId(db, db.schema.createTable('meters'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('enterprises.id'))
    // The logger that reports it, and the factor code the meter has in that logger's frames.
    .addColumn('point_id', 'integer', (c) => c.notNull().references('monitoring_points.id'))
    .addColumn('factor', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('production', 'treatment')`))
    // Treatment: the outlet whose emissions it abates (its warning lands on that outlet's point). Null for
    // production equipment, which the treatment meters of every outlet of the enterprise are judged against.
    .addColumn('outlet_id', 'integer', (c) => c.references('outlets.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    // The power when running normally, kW, where known; otherwise the detector estimates it from the data.
    .addColumn('running_kw', 'double precision')
    .addUniqueConstraint('meters_point_factor', ['point_id', 'factor'])
    .execute();
  await db.schema.createIndex('meters_enterprise').on('meters').column('enterprise_id').execute();

  await db.schema
    .createTable('emission_mass')
    .addColumn('point_id', 'integer', (c) => c.notNull())
    .addColumn('factor', 'text', (c) => c.notNull())
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('mass_kg', 'double precision', (c) => c.notNull())
    // Hours of the day with a mass (concentration and flow both valid in at least one minute).
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('emission_mass_pk', ['point_id', 'factor', 'day_start'])
    .execute();
}

export function down(): Promise<void> {
  return Promise.reject(new Error('migrations are forward-only'));
}
