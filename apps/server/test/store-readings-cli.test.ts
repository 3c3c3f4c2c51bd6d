import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createFrameSink } from '../src/monitoring/repositories/frame-sink.ts';
import { seedBenchPoints, benchMn } from '../src/seed/demo-province.ts';
import { pointsRepository } from '../src/monitoring/repositories/points.ts';
import { acceptedFrame, DIALECTS, factor, freshStore } from './store-fixtures.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/ecoenforce.js', import.meta.url));
const T0 = Date.UTC(2026, 10, 28, 2, 0, 0); // 2026-11-28 10:00 Beijing

function cli(args: string[]) {
  return run(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

for (const dialect of DIALECTS) {
  void describe(`ecoenforce readings (${dialect})`, () => {
    void test('exports what the sink wrote as CSV and JSON lines', async () => {
      const store = await freshStore(dialect);
      try {
        await seedBenchPoints(store.database, 1);
        const mn = benchMn(1);
        const p = (await pointsRepository(store.database.db).byMn(mn))!;
        const sink = createFrameSink(store.database);
        await sink.write(
          [
            acceptedFrame(p.id, mn, 'min', T0, [factor('a21026', 12.5, { zsAvg: 20.25, cou: 750 }), factor('a34013', 3, { flag: 'D' })]),
            acceptedFrame(p.id, mn, 'min', T0 + 60_000, [{ code: '02', code2017: 'a21026', avg: 13, flag: 'N' }]),
            acceptedFrame(p.id, mn, 'min', T0 + 120_000, [factor('a21026', 99)]),
            acceptedFrame(p.id, mn, 'hour', T0, [factor('a21026', 1)]),
          ],
          [],
        );
        const firstId = (await store.database.db.selectFrom('raw_frames').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
        const common = ['readings', '--db', store.url, '--mn', mn, '--from', '2026-11-28T10:00:00', '--to', '2026-11-28T10:02:00+08:00'];

        const csv = await cli([...common, '--format', 'csv']);
        assert.equal(
          csv.stdout,
          [
            'mn,period,periodStart,factor,sentAs,value,converted,min,max,cou,flag,sourceFrameId',
            `${mn},min,2026-11-28T10:00:00+08:00,a21026,a21026,12.5,20.25,11.5,13.5,750,N,${firstId}`,
            `${mn},min,2026-11-28T10:00:00+08:00,a34013,a34013,3,,2,4,,D,${firstId}`,
            `${mn},min,2026-11-28T10:01:00+08:00,a21026,02,13,,,,,N,${firstId + 1}`,
            '',
          ].join('\n'),
        );

        const jsonl = await cli([...common, '--period', 'min']);
        const lines = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        assert.equal(lines.length, 3);
        assert.deepEqual(lines[2], {
          mn, period: 'min', periodStart: '2026-11-28T10:01:00+08:00', factor: 'a21026', sentAs: '02',
          value: 13, converted: null, min: null, max: null, cou: null, flag: 'N', sourceFrameId: firstId + 1,
        });

        const hour = await cli(['readings', '--db', store.url, '--mn', mn, '--period', 'hour']);
        assert.equal(hour.stdout.trim().split('\n').length, 1);

        await assert.rejects(cli(['readings', '--db', store.url, '--mn', 'NOPE']), (err: { code?: number; stderr?: string }) => {
          assert.equal(err.code, 1);
          assert.match(err.stderr ?? '', /no monitoring point/);
          return true;
        });
        await assert.rejects(cli(['readings', '--db', store.url]), (err: { code?: number }) => err.code === 2);
        await assert.rejects(cli(['readings', '--db', store.url, '--mn', mn, '--bogus']), (err: { code?: number }) => err.code === 2);
      } finally {
        await store.dispose();
      }
    });
  });
}

void test('csv quoting and Beijing-time formatting', async () => {
  const { beijingIso, csvField } = await import('../src/cli/readings.ts');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('x\ny'), '"x\ny"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(1.5), '1.5');
  assert.equal(beijingIso(Date.UTC(2026, 0, 1, 16, 0, 0)), '2026-01-02T00:00:00+08:00');
  assert.equal(beijingIso(Date.UTC(2026, 0, 1, 16, 0, 0, 5)), '2026-01-02T00:00:00.005+08:00');
});
