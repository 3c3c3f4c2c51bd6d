// The registry and monitoring API on stored data: lists, a point's latest values and series (with server-
// side downsampling), the raw frames behind them, exports that read back, and live events over SSE.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { assertChineseOnly, csvSheet, xlsxSheet } from './export-fixtures.ts';
import { importRegistry } from '../src/registry/registry-import.ts';
import { readTable } from '../src/platform/tabular.ts';
import { downsample, type SeriesPoint } from '../src/monitoring/series.ts';
import { acceptedFrame, flueGasMinute, DIALECTS } from './store-fixtures.ts';
import { T0, call, login, startHttpRig, type HttpRig, type Session } from './http-fixtures.ts';

void test('downsample keeps extremes and non-normal flags and returns short series as they are', () => {
  const pts: SeriesPoint[] = Array.from({ length: 1000 }, (_, i) => [i * 1000, i % 10, i % 10, i % 10, i === 503 ? 'D' : 'N']);
  assert.equal(downsample(pts, 2000, 0, 1_000_000), pts);
  const d = downsample(pts, 100, 0, 1_000_000);
  assert.equal(d.length, 100);
  assert.ok(d.every((p) => p[2] === 0 && p[3] === 9 && p[1] === 4.5));
  assert.equal(d.filter((p) => p[4] === 'D').length, 1, 'the fault flag survives the bucket');
});

for (const dialect of DIALECTS) {
  void describe(`monitoring API on ${dialect}`, () => {
    let rig: HttpRig;
    let officer: Session;
    before(async () => {
      rig = await startHttpRig(dialect);
      officer = await login(rig.app, 'officer');
    });
    after(() => rig.close());

    void test('point list: status from the last frame against the platform clock, search and status filter', async () => {
      const all = (await call(rig.app, officer, 'GET', '/api/points?limit=500')).json<{ items: Array<{ id: number; status: string; lastFrameAt: number | null; mn: string }> }>();
      const p = all.items.find((x) => x.id === rig.inside.pointId);
      assert.ok(p);
      assert.equal(p.status, 'online');
      assert.equal(p.lastFrameAt, T0 + 59 * 60_000 + 20_000);
      assert.ok(all.items.filter((x) => x.id !== rig.inside.pointId).every((x) => x.status === 'offline'));
      const online = (await call(rig.app, officer, 'GET', '/api/points?status=online')).json<{ items: unknown[] }>();
      assert.equal(online.items.length, 1);
      const found = (await call(rig.app, officer, 'GET', `/api/points?q=${rig.inside.mn.slice(2)}`)).json<{ items: Array<{ id: number }> }>();
      assert.deepEqual(found.items.map((x) => x.id), [rig.inside.pointId]);
      rig.clock.now += 30 * 60_000; // half an hour without frames
      const later = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}`)).json<{ status: string }>();
      assert.equal(later.status, 'offline');
      rig.clock.now -= 30 * 60_000;
    });

    void test('cursor paging walks the whole list once', async () => {
      const head = await login(rig.app, 'head');
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: number }>; nextCursor: string | null } = (await call(rig.app, head, 'GET', `/api/points?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`)).json();
        const res = page;
        seen.push(...res.items.map((x) => x.id));
        cursor = res.nextCursor;
      } while (cursor !== null);
      const all = (await call(rig.app, head, 'GET', '/api/points?limit=500')).json<{ items: Array<{ id: number }> }>();
      assert.deepEqual(seen, all.items.map((x) => x.id));
      assert.equal(new Set(seen).size, seen.length);
      assert.equal((await call(rig.app, head, 'GET', '/api/points?cursor=garbage')).statusCode, 400);
    });

    void test('latest values, series and the raw frame behind a value', async () => {
      const point = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}`)).json<{
        latest: { periodKind: string; periodStart: number; frameId: number; values: Record<string, { avg: number }> }; factors: Array<{ code: string; name: string }>;
      }>();
      assert.equal(point.latest.periodKind, 'min');
      assert.equal(point.latest.periodStart, T0 + 59 * 60_000);
      assert.equal(point.latest.values.a21026?.avg, flueGasMinute(59)[0]!.avg);
      assert.ok(point.factors.some((f) => f.code === 'a21026' && f.name === '二氧化硫'));

      const series = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}/series?factor=a21026&period=min&from=${T0}&to=${T0 + 3600_000}`)).json<{ points: SeriesPoint[]; downsampled: boolean }>();
      assert.equal(series.points.length, 60);
      assert.equal(series.downsampled, false);
      assert.deepEqual(series.points.map((p) => p[1]), Array.from({ length: 60 }, (_, i) => flueGasMinute(i)[0]!.avg));
      const coarse = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}/series?factor=a21026&period=min&from=${T0}&to=${T0 + 3600_000}&maxPoints=10`)).json<{ points: SeriesPoint[]; downsampled: boolean }>();
      assert.equal(coarse.points.length, 10);
      assert.equal(coarse.downsampled, true);

      const frame = (await call(rig.app, officer, 'GET', `/api/frames/${point.latest.frameId}`)).json<{ text: string; hex: string; decoded: { mn?: string }; sha256: string; verdict: string }>();
      const stored = await rig.store.database.db.selectFrom('raw_frames').select('bytes').where('id', '=', point.latest.frameId).executeTakeFirstOrThrow();
      assert.equal(frame.hex, Buffer.from(stored.bytes).toString('hex'), 'the evidence bytes, exactly');
      assert.ok(frame.text.includes('DataTime='));
      assert.equal(frame.verdict, 'accepted');
      const frames = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}/frames?limit=5`)).json<{ items: Array<{ id: number; receivedAt: number }>; nextCursor: string | null }>();
      assert.equal(frames.items.length, 5);
      assert.ok(frames.nextCursor !== null);
      assert.equal(frames.items[0]!.id, point.latest.frameId, 'newest first');
    });

    void test('compliance chart data: hourly values against the hourly limit in force, only normal hours exceed', async () => {
      const db = rig.store.database.db;
      const rows = [[T0, 10, 'normal'], [T0 + 3600_000, 1000, 'normal'], [T0 + 7200_000, 5000, 'insufficient']] as const;
      for (const [t, v, status] of rows) {
        await db.insertInto('period_values').values({ point_id: rig.inside.pointId, factor: 'a21026', period_kind: 'hour', period_start: t, samples: 60, valid: status === 'normal' ? 60 : 10, status, mean: v, min: v, max: v, converted: v, logger_converted: null, flags: '{}', computed_at: T0 }).execute();
      }
      const res = (await call(rig.app, officer, 'GET', `/api/points/${rig.inside.pointId}/compliance?factor=a21026&from=${T0}&to=${T0 + 3 * 3600_000}`)).json<{ limit: { limit: number } | null; hours: Array<{ t: number; value: number; exceeded: boolean }> }>();
      assert.deepEqual(res.hours.map((h) => [h.t, h.value]), rows.map(([t, v]) => [t, v]));
      assert.ok(res.limit !== null, 'the demo permit sets an hourly SO2 limit at this point');
      assert.deepEqual(res.hours.map((h) => h.exceeded), [10 > res.limit.limit, true, false]);
    });

    void test('CSV and XLSX exports hold the same rows as the list', async () => {
      const list = (await call(rig.app, officer, 'GET', '/api/enterprises?limit=500')).json<{ items: Array<{ uscc: string; name: string }> }>();
      const csv = await call(rig.app, officer, 'GET', '/api/enterprises?format=csv');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(String(csv.headers['content-disposition']), /attachment; filename="enterprises-/);
      for (const e of list.items) assert.ok(csv.body.includes(e.uscc) && csv.body.includes(e.name));
      const xlsx = await call(rig.app, officer, 'GET', '/api/enterprises?format=xlsx');
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0]!;
      assert.equal(sheet.rowCount, list.items.length + 1);
      const usccs = new Set<string>();
      sheet.getColumn(1).eachCell((cell, row) => {
        if (row > 1) usccs.add(cell.text);
      });
      assert.deepEqual([...usccs].sort(), list.items.map((e) => e.uscc).sort());
      // Issue 14 §6: Chinese headers the registry import reads back; the industry and category by name.
      const HEADERS = ['统一社会信用代码', '单位名称', '行政区划代码', '行政区划', '行业类别', '排污许可管理类别', '地址', '纬度', '经度', '监测点位数'];
      const text = csvSheet(csv.body);
      assert.deepEqual(text.headers, HEADERS);
      assertChineseOnly(text, ['统一社会信用代码']);
      const book = await xlsxSheet(xlsx.rawPayload);
      assert.deepEqual([book.name, book.headers], ['排污单位', HEADERS]);
      assertChineseOnly(book, ['统一社会信用代码']);
      assert.ok(book.rows.every((_r, i) => ['重点管理', '简化管理', '登记管理', ''].includes(book.cell(i, '排污许可管理类别'))));
      assert.equal(typeof book.value(0, '纬度'), 'number');
      // The exported sheet imports back as it is (a dry run: nothing changes, the name-only columns are ignored).
      const back = await importRegistry(rig.store.database.db, 'enterprises', await readTable(xlsx.rawPayload, 'enterprises.xlsx'), null, { dryRun: true });
      assert.ok(back.ok, JSON.stringify(back));
      assert.deepEqual([back.inserted, back.updated, back.unchanged, back.ignoredColumns], [0, 0, list.items.length, ['行政区划', '行业类别', '监测点位数']]);
    });

    void test('the point and device exports are Chinese: kinds, statuses and regions by name, times in Beijing time', async () => {
      const points = (await call(rig.app, officer, 'GET', '/api/points?limit=500')).json<{ items: Array<{ mn: string; outletKind: string; status: string; regionCode: string; lastFrameAt: number | null }> }>().items;
      const HEADERS = ['MN', '单位', '排放口', '类型', '行政区划', '状态', '最后数据时间', '校验算法', '时钟偏差（秒）'];
      const csv = csvSheet((await call(rig.app, officer, 'GET', '/api/points?format=csv')).body);
      assert.deepEqual(csv.headers, HEADERS);
      assertChineseOnly(csv, ['MN']);
      const sheet = await xlsxSheet((await call(rig.app, officer, 'GET', '/api/points?format=xlsx')).rawPayload);
      assert.deepEqual([sheet.name, sheet.headers], ['监测点位', HEADERS]);
      assertChineseOnly(sheet, ['MN']);
      assert.equal(sheet.rows.length, points.length);
      const regions = new Map((await rig.store.database.db.selectFrom('regions').select(['code', 'name']).execute()).map((r) => [r.code, r.name]));
      const beijing = (t: number | null): string => (t === null ? '' : new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '));
      points.forEach((p, i) => {
        assert.equal(sheet.cell(i, 'MN'), p.mn);
        assert.deepEqual(
          [sheet.cell(i, '类型'), sheet.cell(i, '状态'), sheet.cell(i, '行政区划'), sheet.cell(i, '最后数据时间')],
          [{ air: '废气', water: '废水' }[p.outletKind], { online: '在线', offline: '离线', warning: '数据异常' }[p.status], regions.get(p.regionCode), beijing(p.lastFrameAt)],
        );
      });
      const devices = await xlsxSheet((await call(rig.app, officer, 'GET', '/api/devices?format=xlsx')).rawPayload);
      assert.deepEqual([devices.name, devices.headers], ['设备状态', [...HEADERS, '离线时长（分钟）']]);
      assertChineseOnly(devices, ['MN']);
      assertChineseOnly(csvSheet((await call(rig.app, officer, 'GET', '/api/devices?format=csv')).body), ['MN']);
    });

    void test('live: a stored frame reaches subscribers in scope as a reading and a status event, not others', async () => {
      const base = await rig.app.listen({ port: 0, host: '127.0.0.1' });
      const officerEvents = subscribe(`${base}/api/live`, officer.cookie);
      const cityAnalyst = subscribe(`${base}/api/live`, (await login(rig.app, 'analyst')).cookie);
      try {
        await Promise.all([officerEvents.ready, cityAnalyst.ready]);
        // A frame at a point of another city: neither the county officer nor the city analyst may hear of it.
        rig.live.framesStored([acceptedFrame(rig.otherCity.pointId, 'X', 'min', T0 + 3600_000, flueGasMinute(3), { receivedAt: rig.clock.now })]);
        rig.live.framesStored([acceptedFrame(rig.inside.pointId, rig.inside.mn, 'min', T0 + 3600_000, flueGasMinute(3), { receivedAt: rig.clock.now })]);
        const ev = await officerEvents.next((e) => e.event === 'reading');
        assert.equal((JSON.parse(ev.data) as { pointId: number }).pointId, rig.inside.pointId);
        await cityAnalyst.next((e) => e.event === 'reading');
        for (const sub of [officerEvents, cityAnalyst]) {
          assert.ok(sub.seen.every((e) => (JSON.parse(e.data) as { pointId: number }).pointId !== rig.otherCity.pointId), 'no event of a point out of scope');
        }
      } finally {
        officerEvents.close();
        cityAnalyst.close();
      }
    });
  });
}

interface SseEvent {
  event: string;
  data: string;
}

function subscribe(url: string, cookie: string) {
  const controller = new AbortController();
  const seen: SseEvent[] = [];
  const waiters: Array<{ match: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  void (async () => {
    const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
    resolveReady();
    const reader = res.body!.getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done === true || value === undefined) return;
      buf += Buffer.from(value).toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === undefined || data === undefined) continue;
        const e = { event, data };
        seen.push(e);
        for (const w of waiters.splice(0)) {
          if (w.match(e)) w.resolve(e);
          else waiters.push(w);
        }
      }
    }
  })();
  return {
    ready,
    seen,
    next(match: (e: SseEvent) => boolean): Promise<SseEvent> {
      const hit = seen.find(match);
      return hit !== undefined ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => controller.abort(),
  };
}
