// A warning extended across periods keeps its grade: exceedances are graded by their worst multiple over
// the limit, detector findings (no limit) keep the graver of the running warning's and the new finding's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { severityOf, type Finding, type Severity } from '@ecoenforce/domain';
import { placeOf, raise } from '../src/compliance/compliance.ts';
import { airPointWithLimit } from './compliance-fixtures.ts';
import { DIALECTS, freshStore } from './store-fixtures.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 0);

function finding(kind: string, severity: Severity, hour: number, rule?: Record<string, unknown>, value?: number): Finding {
  const from = T0 + hour * HOUR;
  return {
    kind,
    severity,
    from,
    to: from + HOUR,
    factor: 'a21026',
    message: `${kind} in hour ${hour}`,
    evidence: { times: [from], values: value === undefined ? [] : [value], params: {}, ...(rule === undefined ? {} : { rule }) },
  };
}

for (const dialect of DIALECTS) {
  void describe(`extending warnings on ${dialect}`, () => {
    void test('a detector warning keeps its high severity when a milder finding extends it, and rises when a graver one does', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const { pointId } = await airPointWithLimit(store, { orgBody: 'EXT00001', mn: 'EXT0000000000001', name: '延续电厂' });
        const place = await placeOf(db, pointId);
        assert.ok(place);
        const first = await db.transaction().execute((trx) => raise(trx, place, pointId, finding('flatline', 'high', 0), T0 + HOUR));
        const second = await db.transaction().execute((trx) => raise(trx, place, pointId, finding('flatline', 'low', 1), T0 + 2 * HOUR));
        assert.equal(second.id, first.id);
        assert.equal(second.created, false);
        const row = await db.selectFrom('warnings').select(['severity', 'period_to']).where('id', '=', first.id).executeTakeFirstOrThrow();
        assert.equal(row.severity, 'high');
        assert.equal(Number(row.period_to), T0 + 2 * HOUR);

        const low = await db.transaction().execute((trx) => raise(trx, place, pointId, finding('transmission', 'low', 0), T0 + HOUR));
        await db.transaction().execute((trx) => raise(trx, place, pointId, finding('transmission', 'medium', 1), T0 + 2 * HOUR));
        const lowRow = await db.selectFrom('warnings').select('severity').where('id', '=', low.id).executeTakeFirstOrThrow();
        assert.equal(lowRow.severity, 'medium');
      } finally {
        await store.dispose();
      }
    });

    void test('an exceedance is graded again from its worst value over the limit when extended', async () => {
      const store = await freshStore(dialect);
      try {
        const db = store.database.db;
        const { pointId } = await airPointWithLimit(store, { orgBody: 'EXT00002', mn: 'EXT0000000000002', name: '超标电厂' });
        const place = await placeOf(db, pointId);
        assert.ok(place);
        const rule = { limit: 35, basis: 'hourly', unit: 'mg/m3' };
        const first = await db.transaction().execute((trx) => raise(trx, place, pointId, finding('exceedance', 'low', 0, rule, 36), T0 + HOUR));
        await db.transaction().execute((trx) => raise(trx, place, pointId, finding('exceedance', 'low', 1, rule, 35 * 4), T0 + 2 * HOUR));
        const row = await db.selectFrom('warnings').select(['severity', 'evidence', 'message']).where('id', '=', first.id).executeTakeFirstOrThrow();
        const worstMultiple = (35 * 4 - 35) / 35;
        assert.equal(row.severity, severityOf(worstMultiple));
        // The summary speaks of the whole episode, not of its first hour.
        assert.equal(row.message, 'a21026 over its hourly limit 35 mg/m3 for 2 hour(s), up to 4.00× the limit');
        assert.notEqual(row.severity, 'low');
        assert.deepEqual((JSON.parse(row.evidence) as { values: number[] }).values, [36, 140]);
      } finally {
        await store.dispose();
      }
    });
  });
}
