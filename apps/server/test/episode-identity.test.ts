// One episode, one warning, whatever the timing (issue 23): an episode is identified by what it is about (point,
// kind, factor, limit regime) and the periods it covers, not by when it was noticed. A day closed again after
// late readings, hours closed out of order, or a detector that saw part of an episode first and the rest
// later all hand raise() overlapping pieces of the same episode in some order; property-based: any split of
// an episode into overlapping or adjoining pieces, raised in any order, leaves exactly one warning with the
// whole period, every period's value once, and the union of the cited frames. On SQLite and PostgreSQL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '@ecoenforce/domain';
import { mergeEvidence, placeOf, raise } from '../src/compliance/compliance.ts';
import { airPointWithLimit } from './compliance-fixtures.ts';
import { DIALECTS, freshStore } from './store-fixtures.ts';

const H0 = Date.UTC(2026, 10, 28, 2);
const HOUR = 3_600_000;

/** The piece of an episode of `values` (one per hour from H0) covering hours [from, to). */
function piece(values: readonly number[], from: number, to: number): Finding {
  const hours = Array.from({ length: to - from }, (_, i) => from + i);
  return {
    kind: 'flatline', severity: 'medium', factor: 'a21026', from: H0 + from * HOUR, to: H0 + to * HOUR, message: 'flat',
    evidence: { times: hours.map((h) => H0 + h * HOUR), values: hours.map((h) => values[h]!), frameIds: hours.map((h) => 1000 + h), params: { periods: hours.length } },
  };
}

/** An episode and pieces that cover it, overlapping or adjoining (never leaving a gap), in a shuffled order. */
const split = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc.record({
    values: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: n, maxLength: n }),
    cuts: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n })), { minLength: 0, maxLength: 4 }),
    order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  }).map(({ values, cuts, order }) => {
    // A chain of pieces from 0 to n, each starting at or before where the previous ended, plus random extras.
    const chain: Array<[number, number]> = [];
    let end = 0;
    for (const [a, len] of cuts) {
      const from = Math.min(a, end);
      const to = Math.min(n, Math.max(from + len, end === from ? from + 1 : end));
      chain.push([from, to]);
      end = Math.max(end, to);
    }
    if (end < n) chain.push([Math.min(end, n - 1), n]);
    const pieces = chain.map(([a, b]) => piece(values, a, b));
    const shuffled = pieces.map((p, i) => ({ p, k: order[i % order.length]! + i })).sort((x, y) => x.k - y.k).map((x) => x.p);
    return { n, values, pieces: shuffled };
  }),
);

void test('merging evidence: periods by time, a period seen again takes the newer value, frames as a union', () => {
  const a = piece([1, 2, 3, 4], 0, 2);
  const b = { ...piece([1, 9, 3, 4], 1, 4) };
  const m = mergeEvidence(a.evidence, b.evidence);
  assert.deepEqual(m.times, [H0, H0 + HOUR, H0 + 2 * HOUR, H0 + 3 * HOUR]);
  assert.deepEqual(m.values, [1, 9, 3, 4]);
  assert.deepEqual(m.frameIds, [1000, 1001, 1002, 1003]);
  assert.equal(m.params.periods, 4);
  // The other order: the same set of periods.
  assert.deepEqual(mergeEvidence(b.evidence, a.evidence).times, m.times);
});

for (const dialect of DIALECTS) {
  void describe(`one episode, one warning, on ${dialect}`, () => {
    void test('any split of an episode, raised in any order, is one warning over the whole episode', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId } = await airPointWithLimit(store, { orgBody: 'MA5EPKD1', mn: 'EPISODE0000000000000001', name: '测试电厂' });
        const db = store.database.db;
        const place = (await placeOf(db, pointId))!;
        await fc.assert(
          fc.asyncProperty(split, async ({ n, values, pieces }) => {
            await db.deleteFrom('warnings').execute();
            for (const f of pieces) await db.transaction().execute((trx) => raise(trx, place, pointId, f, H0 + 24 * HOUR));
            const rows = await db.selectFrom('warnings').selectAll().execute();
            assert.equal(rows.length, 1, `one warning for ${pieces.map((p) => `[${(p.from - H0) / HOUR},${(p.to - H0) / HOUR})`).join(' ')}`);
            const w = rows[0]!;
            assert.deepEqual([Number(w.period_from), Number(w.period_to)], [H0, H0 + n * HOUR]);
            const ev = JSON.parse(w.evidence) as Finding['evidence'];
            assert.deepEqual(ev.times, values.map((_, h) => H0 + h * HOUR));
            assert.deepEqual(ev.values, values);
            assert.deepEqual(ev.frameIds, values.map((_, h) => 1000 + h));
          }),
          { numRuns: dialect === 'sqlite' ? 60 : 25 },
        );
      } finally {
        await store.dispose();
      }
    });

    void test('a piece separated by a gap is another episode; a dismissed episode is not reopened by a piece it covers', async () => {
      const store = await freshStore(dialect);
      try {
        const { pointId } = await airPointWithLimit(store, { orgBody: 'MA5EPKD2', mn: 'EPISODE0000000000000002', name: '测试电厂二' });
        const db = store.database.db;
        const place = (await placeOf(db, pointId))!;
        const values = [5, 5, 5, 5, 5, 5];
        const raiseAt = (f: Finding) => db.transaction().execute((trx) => raise(trx, place, pointId, f, H0 + 24 * HOUR));
        await raiseAt(piece(values, 0, 2));
        await raiseAt(piece(values, 3, 5));
        assert.equal((await db.selectFrom('warnings').select('id').execute()).length, 2, 'an hour without the finding between: two episodes');
        const first = await db.selectFrom('warnings').select('id').where('period_from', '=', H0).executeTakeFirstOrThrow();
        await db.updateTable('warnings').set({ status: 'dismissed' }).where('id', '=', first.id).execute();
        const again = await raiseAt(piece(values, 0, 1));
        assert.deepEqual(again, { id: Number(first.id), created: false }, 'the dismissed warning covers it');
      } finally {
        await store.dispose();
      }
    });
  });
}
