// The map's markers in Debian's chromium (playwright-core, never a downloaded browser): an enterprise's
// points all carry its coordinates, yet each of its markers has its own spot on screen, a mouse click at
// its centre opens that very point's popup, and the spread holds after zooming in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserSkip as skip, login, startConsoleRig, type ConsoleRig } from './console-rig.ts';
import type { Page as ApiPage, PointSummary } from '@ecoenforce/contract';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

let rig: ConsoleRig;

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'map-markers-e2e' });
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

async function boxOf(page: Page, id: number): Promise<Box> {
  const box = await page.getByTestId(`marker-${id}`).boundingBox();
  assert.ok(box !== null, `marker ${id} is drawn`);
  return box;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

void test("an enterprise's markers share its location yet each is reachable by mouse, at any zoom", { skip }, async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, rig.base, 'officer');
  await page.goto(`${rig.base}/#/map`);
  await page.getByTestId('map').waitFor();
  await page.locator('[data-testid^="marker-"]').first().waitFor();

  // The enterprise with the most points, as the API lists them; they must share one location.
  const all = await page.evaluate<ApiPage<PointSummary>>(`fetch('/api/points?limit=500').then((r) => r.json())`);
  const counts = new Map<number, number>();
  for (const p of all.items) counts.set(p.enterpriseId, (counts.get(p.enterpriseId) ?? 0) + 1);
  const [enterpriseId, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  assert.ok(count >= 2, `an enterprise with several points: ${count}`);
  const mine = await page.evaluate<ApiPage<PointSummary>>(`fetch('/api/points?enterpriseId=${enterpriseId}&limit=500').then((r) => r.json())`);
  const points = mine.items;
  assert.equal(points.length, count);
  assert.equal(new Set(points.map((p) => `${p.lat},${p.lng}`)).size, 1, 'the points share the enterprise location');

  const boxes = await Promise.all(points.map((p) => boxOf(page, p.id)));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      assert.ok(!overlap(boxes[i]!, boxes[j]!), `markers ${points[i]!.id} and ${points[j]!.id} overlap: ${JSON.stringify([boxes[i], boxes[j]])}`);
    }
  }
  await page.screenshot({ path: join(ARTIFACTS, 'map-markers.png') });

  const popup = page.locator('.leaflet-popup-content');
  for (const p of points) {
    // Measured again: opening a popup may pan the map.
    const box = await boxOf(page, p.id);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await popup.waitFor();
    assert.match((await popup.textContent()) ?? '', new RegExp(`${p.outletCode}[\\s\\S]*${p.mn}`), `the popup of point ${p.id}`);
    assert.equal(await popup.getByTestId('popup-open').getAttribute('href'), `#/points/${p.id}`);
    await page.locator('.leaflet-popup-close-button').click();
    await popup.waitFor({ state: 'detached' });
  }

  // Zoomed in, the markers are still apart, by the same pixel distances (the offsets are on screen).
  const transform = `document.querySelector('[data-testid="marker-${points[0]!.id}"]').style.transform`;
  const start = await page.evaluate<string>(transform);
  await page.locator('.leaflet-control-zoom-in').click();
  await page.waitForFunction(`${transform} !== ${JSON.stringify(start)} && document.querySelector('.leaflet-zoom-anim') === null`);
  const zoomed = await Promise.all(points.map((p) => boxOf(page, p.id)));
  for (let i = 1; i < points.length; i++) {
    assert.ok(!overlap(zoomed[0]!, zoomed[i]!), 'apart after zooming in');
    assert.ok(Math.abs(zoomed[i]!.x - zoomed[0]!.x - (boxes[i]!.x - boxes[0]!.x)) < 1.5, 'the same horizontal distance on screen');
    assert.ok(Math.abs(zoomed[i]!.y - zoomed[0]!.y - (boxes[i]!.y - boxes[0]!.y)) < 1.5, 'the same vertical distance on screen');
  }
  await context.close();
});

void test('the legend counts the warnings waiting for a decision in scope and links to them; the points\' 数据异常 is named apart', { skip }, async () => {
  const db = rig.database.db;
  // Three new warnings in the officer's region and one decided; one new warning elsewhere (out of scope).
  const officer = await db.selectFrom('users').select('region_code').where('username', '=', 'officer').executeTakeFirstOrThrow();
  const city = officer.region_code.replace(/(00)+$/, '');
  const points = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').innerJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select(['p.id', 'e.id as enterprise_id', 'e.region_code']).execute();
  const inside = points.find((p) => p.region_code.startsWith(city))!;
  const outside = points.find((p) => !p.region_code.startsWith(city))!;
  const now = Date.now();
  const warning = (p: typeof inside, status: 'new' | 'confirmed') => ({
    point_id: p.id, enterprise_id: p.enterprise_id, region_code: p.region_code, kind: 'flatline' as const, factor: 'a21026', severity: 'medium' as const, status,
    period_from: now - 7200_000, period_to: now - 3600_000, message: 'flat', evidence: JSON.stringify({ times: [], params: {} }), created_at: now, updated_at: now,
    decided_by: null, decision_reason: null, answer: null, answered_at: null,
  });
  await db.insertInto('warnings').values([warning(inside, 'new'), warning(inside, 'new'), warning(inside, 'new'), warning(inside, 'confirmed'), warning(outside, 'new')]).execute();
  const expected = Number((await db.selectFrom('warnings').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'new').where('region_code', 'like', `${city}%`).executeTakeFirstOrThrow()).n);
  assert.ok(expected >= 3);

  const context = await rig.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, rig.base, 'officer');
  const link = page.getByTestId('legend-open-warnings');
  await link.waitFor();
  assert.equal(await link.textContent(), `待处理预警 ${expected} 条`);
  assert.match((await page.getByTestId('legend-warning').textContent()) ?? '', /^\s*数据异常 \(\d+\)$/);
  await link.click();
  await page.waitForURL(/#\/warnings\?status=new$/);
  await context.close();
});
