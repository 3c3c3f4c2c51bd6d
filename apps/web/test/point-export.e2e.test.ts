// The point page's 起止日期 and its export (issue 14), in Debian's chromium (playwright-core): an officer opens
// a point, chooses hourly data and one Beijing day, sees the chart's range follow, downloads the readings of
// that day as Excel and as CSV, and the files hold that day's 24 hours with Chinese headers (时间, the factor
// with its unit, 标记), the stored values as numbers and a fault flag in words; its unit's page names the
// unit's industry by its GB/T 4754 class (1713 棉印染精加工), not by its template's category (锅炉).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { factorInfo } from '@ecoenforce/hj212';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { createFrameSink } from '../../server/src/monitoring/repositories/frame-sink.ts';
import { acceptedFrame, factor } from '../../server/test/store-fixtures.ts';
import { decodeText, parseCsv } from '../../server/src/platform/tabular.ts';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 'YYYY-MM-DD' of the Beijing day holding t. */
const beijingDay = (t: number): string => new Date(t + 8 * HOUR).toISOString().slice(0, 10);
const startOf = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

let rig: ConsoleRig;
const seeded = { enterpriseId: 0, pointId: 0, day: '', values: [] as number[], faultHour: 5 };
const value = (i: number): number => Math.round((20 + ((i * 37) % 50) + i / 10) * 100) / 100;

/** Three Beijing days of hourly SO2 before today at the officer's unit's air point; one hour of the middle day flagged D (故障). */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const point = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select(['p.id', 'p.mn'])
    .where('o.enterprise_id', '=', Number(company.enterprise_id)).where('o.kind', '=', 'air').orderBy('p.id').executeTakeFirstOrThrow();
  const today = startOf(beijingDay(Date.now()));
  const first = today - 3 * DAY;
  seeded.pointId = Number(point.id);
  seeded.enterpriseId = Number(company.enterprise_id);
  // The unit is made a textile dyer with its own boiler, as the demo seeds one: template category 锅炉, class 1713.
  await db.updateTable('enterprises').set({ industry: 'boiler', industry_code: '1713' }).where('id', '=', seeded.enterpriseId).execute();
  seeded.day = beijingDay(first + DAY);
  const frames = [];
  for (let i = 0; i < 72; i++) {
    const t = first + i * HOUR;
    const inDay = i >= 24 && i < 48;
    const flag = inDay && i - 24 === seeded.faultHour ? 'D' : 'N';
    if (inDay) seeded.values.push(value(i));
    frames.push(acceptedFrame(seeded.pointId, point.mn, 'hour', t, [factor('a21026', value(i), { flag })], { qn: `export${i}`, receivedAt: t + HOUR + 60_000 }));
  }
  await createFrameSink(database).write(frames, []);
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'point-export-e2e', prepare: seed });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

void test('an officer chooses a day on the point page and exports its hourly readings as Excel and CSV', { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await login(page, rig.base, 'officer');
  await page.goto(`${rig.base}/#/points/${seeded.pointId}`);
  await page.getByTestId('point-title').waitFor();
  await page.getByTestId('period-hour').click();
  const range = page.getByTestId('point-range');
  // Pre-filled with the span the chart shows (the period's default, up to today).
  await range.getByTestId('range-to').and(page.locator(`[value="${beijingDay(Date.now())}"]`)).waitFor();
  await range.getByTestId('range-from').fill(seeded.day);
  await range.getByTestId('range-to').fill(seeded.day);
  await range.getByTestId('range-apply').click();
  await range.getByTestId('range-reset').waitFor();
  assert.equal(await range.getByTestId('range-from').inputValue(), seeded.day);
  await range.screenshot({ path: join(ARTIFACTS, 'point-range.png') });

  const so2 = factorInfo('a21026')!;
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), range.getByTestId('range-export-xlsx').click()]);
  const xlsxPath = join(rig.dir, 'readings.xlsx');
  await xlsxDownload.saveAs(xlsxPath);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(xlsxPath) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['时间', `${so2.nameZh}（${so2.unit}）`, '标记']);
  assert.equal(sheet.rowCount, 25, 'the day\'s 24 hours and the header');
  for (let h = 0; h < 24; h++) {
    const row = sheet.getRow(h + 2);
    assert.equal(row.getCell(1).value, `${seeded.day} ${String(h).padStart(2, '0')}:00`);
    assert.equal(row.getCell(2).type, ExcelJS.ValueType.Number);
    assert.equal(row.getCell(2).value, seeded.values[h]);
    assert.equal(row.getCell(3).text, h === seeded.faultHour ? `${so2.nameZh}故障` : '');
  }

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), range.getByTestId('range-export-csv').click()]);
  const csvPath = join(rig.dir, 'readings.csv');
  await csvDownload.saveAs(csvPath);
  const rows = parseCsv(decodeText(readFileSync(csvPath))).filter((r) => r.length > 1);
  assert.deepEqual(rows[0], ['时间', `${so2.nameZh}（${so2.unit}）`, '标记']);
  assert.deepEqual(rows.slice(1).map((r) => Number(r[1])), seeded.values);

  // The point's unit reads as its GB/T 4754 class, not as its checklist template's category.
  await page.getByRole('link', { name: '所属单位' }).click();
  const industry = page.getByTestId('enterprise-industry');
  await industry.waitFor();
  assert.equal((await industry.textContent())?.trim(), '1713 棉印染精加工');
  await context.close();
});
