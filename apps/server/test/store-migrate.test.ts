import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { assertNoDrift, diffMigrations, migrateToLatest, migrationStatus, MigrationDriftError } from '../src/platform/db/migrate.ts';
import { migrations } from '../src/platform/db/migrations/index.ts';
import { DIALECTS, freshStore } from './store-fixtures.ts';

for (const dialect of DIALECTS) {
  void describe(`migrations (${dialect})`, () => {
    void test('apply on an empty database, then a second run is a no-op', async () => {
      const store = await freshStore(dialect, { migrate: false });
      try {
        const before = await migrationStatus(store.database);
        assert.deepEqual(before.applied, []);
        assert.deepEqual(before.pending, Object.keys(migrations));
        assert.deepEqual(await migrateToLatest(store.database), Object.keys(migrations));
        assert.deepEqual(await migrateToLatest(store.database), []);
        const after = await migrationStatus(store.database);
        assert.deepEqual(after, { applied: Object.keys(migrations), pending: [], unknown: [], outOfOrder: [] });
        // The schema is really there.
        const tables = (await store.database.db.introspection.getTables()).map((t) => t.name).sort();
        for (const t of ['enterprises', 'monitoring_points', 'outlets', 'raw_frames', 'readings', 'regions']) assert.ok(tables.includes(t), t);
      } finally {
        await store.dispose();
      }
    });

    void test('a database with a migration the code does not know is refused with a typed error', async () => {
      const store = await freshStore(dialect);
      try {
        await sql`insert into kysely_migration (name, timestamp) values (${'29991231T0000-from-the-future'}, ${new Date().toISOString()})`.execute(store.database.db);
        await assert.rejects(migrateToLatest(store.database), (err: unknown) => {
          assert.ok(err instanceof MigrationDriftError);
          assert.equal(err.code, 'migration_drift');
          assert.deepEqual(err.unknown, ['29991231T0000-from-the-future']);
          return true;
        });
        await assert.rejects(assertNoDrift(store.database), MigrationDriftError);
      } finally {
        await store.dispose();
      }
    });
  });
}

void test('drift rules: unknown, out of order, pending', () => {
  const known = ['20260101T0000-a', '20260201T0000-b', '20260301T0000-c'];
  assert.deepEqual(diffMigrations(['20260101T0000-a'], known), { applied: ['20260101T0000-a'], pending: ['20260201T0000-b', '20260301T0000-c'], unknown: [], outOfOrder: [] });
  // b was added to the code after c had been applied: c now sits where b belongs.
  assert.deepEqual(diffMigrations(['20260101T0000-a', '20260301T0000-c'], known).outOfOrder, ['20260301T0000-c']);
  assert.deepEqual(diffMigrations(['20260101T0000-a', '20260115T0000-x'], known).unknown, ['20260115T0000-x']);
  assert.deepEqual(diffMigrations([], known).pending, known);
});
