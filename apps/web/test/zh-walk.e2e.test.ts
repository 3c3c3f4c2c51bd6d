// Issue 14 §6: no English, raw keys or codes on Chinese screens. Each demo role logs in with the console in
// Chinese (the default), visits every page of its navigation and the detail pages one click away (an
// enterprise, a point, each seeded warning, a task, a draw, a rectification when there is one), and the main area's text (with the
// options of its selects) is searched for Latin-letter words. What may stay Latin is allow-listed below by
// narrow patterns: units, identifiers a user reads or types (USCC, MN numbers, permit numbers, outlet codes,
// GB/HJ standard numbers), and a few established abbreviations. Every offending word is printed with its page
// and its line. The case pages are left out while another change reworks them (printed on each run). A second
// test reads the errors in Chinese: a wrong password, a refusal by its code, a server out of reach.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Database } from '../../server/src/platform/db/connect.ts';
import { exceedanceMessage } from '../../../packages/domain/src/compliance/exceedance.ts';
import { createFromWarnings } from '../../server/src/enforcement/tasks/tasks.ts';
import { applyAction, openCase, type CaseContext } from '../../server/src/enforcement/cases/cases.ts';
import { PdfRenderer } from '../../server/src/platform/pdf/renderer.ts';
import type { Role } from '../../server/src/access/model.ts';
import { WORKED_FINE } from '../../server/test/case-fixtures.ts';
import { DEMO_PASSWORD } from '../../server/src/seed/demo-users.ts';
import { browserSkip as skip, login as rigLogin, startConsoleRig, type ConsoleRig } from './console-rig.ts';

const HOUR = 3600_000;
let rig: ConsoleRig;

/** Warnings of several kinds for the company's own enterprise, one of them dispatched as a task. */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  const company = await db.selectFrom('users').select('enterprise_id').where('username', '=', 'company').executeTakeFirstOrThrow();
  const e = await db.selectFrom('enterprises').select(['id', 'region_code']).where('id', '=', company.enterprise_id!).executeTakeFirstOrThrow();
  const point = await db.selectFrom('monitoring_points as p').innerJoin('outlets as o', 'o.id', 'p.outlet_id').select('p.id').where('o.enterprise_id', '=', e.id).orderBy('p.id').executeTakeFirstOrThrow();
  const now = Date.now();
  const rows: Array<{ kind: string; factor: string | null; status: 'new' | 'confirmed'; message: string; evidence: unknown }> = [
    {
      kind: 'exceedance', factor: 'a21026', status: 'confirmed',
      message: exceedanceMessage('a21026', { basis: 'hourly', limit: 50, unit: 'mg/m3' }, 4, 'hour', 2.51),
      evidence: { times: [now - 4 * HOUR, now - 3 * HOUR], values: [80, 175.5], rule: { limit: 50, basis: 'hourly', unit: 'mg/m3' }, params: {} },
    },
    { kind: 'exceedance', factor: 'a21002', status: 'new', message: exceedanceMessage('a21002', { basis: 'hourly', limit: 100, unit: 'mg/m3' }, 2, 'hour', 0.4), evidence: { times: [now - 2 * HOUR], values: [140], rule: { limit: 100, basis: 'hourly', unit: 'mg/m3' }, params: {} } },
    { kind: 'flatline', factor: 'a21026', status: 'new', message: 'a21026 flat at 12.3 for 6 hour(s)', evidence: { times: [now - 6 * HOUR], values: [12.3], params: {} } },
    { kind: 'zeroWhileFlowing', factor: 'a21026', status: 'new', message: 'a21026 reads 0 while the flow is 1200 m3/h', evidence: { times: [now - 3 * HOUR], values: [0], params: {} } },
  ];
  for (const r of rows) {
    await db.insertInto('warnings').values({
      point_id: point.id, enterprise_id: e.id, region_code: e.region_code, kind: r.kind as 'exceedance', factor: r.factor, severity: 'high', status: r.status,
      period_from: now - 6 * HOUR, period_to: now - HOUR, message: r.message, evidence: JSON.stringify(r.evidence), created_at: now - HOUR, updated_at: now - HOUR,
      decided_by: null, decision_reason: null, answer: null, answered_at: null,
    }).execute();
  }
  const confirmed = await db.selectFrom('warnings').select('id').where('status', '=', 'confirmed').executeTakeFirstOrThrow();
  const dispatcher = await db.selectFrom('users').select(['id', 'region_code']).where('username', '=', 'dispatcher').executeTakeFirstOrThrow();
  await createFromWarnings(db, [Number(confirmed.id)], {}, {
    actor: { kind: 'user', id: Number(dispatcher.id), name: 'dispatcher' }, userId: Number(dispatcher.id), regionCode: dispatcher.region_code,
    scope: { regionPrefix: '44', enterpriseIds: null }, ip: null, at: now,
  });
  await seedCase(database, Number(e.id), now - 12 * HOUR);
}

/** A penalty case of the company walked to its advance notice (clocks, gates, fine, documents on its page). */
async function seedCase(database: Database, enterpriseId: number, from: number): Promise<void> {
  const db = database.db;
  const ids = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, Number(u.id)]));
  let at = from;
  const ctx = (username: string, role: Role): CaseContext => ({ userId: ids.get(username)!, role, actor: { kind: 'user', id: ids.get(username)!, name: username }, ip: null, at: (at += HOUR) });
  const pdf = new PdfRenderer();
  try {
    const render = (r: Parameters<PdfRenderer['render']>[0]) => pdf.render(r);
    const opened = await openCase(db, { enterpriseId, matterCode: 'AIR-99-2', discoveredAt: at, details: { cause: '超标排放大气污染物案', facts: '你单位1号锅炉烟囱二氧化硫小时浓度超过排放标准。' } }, ctx('officer', 'officer'));
    let version = opened.version;
    const act = async (username: string, role: Role, action: string, input: Record<string, unknown> = {}): Promise<void> => {
      version = (await applyAction(db, render, opened.id, { action: action as never, input, version }, ctx(username, role))).row.version;
    };
    await act('head', 'head', 'file');
    await act('officer', 'officer', 'start_investigation', { officers: [ids.get('officer'), ids.get('officer2')] });
    await act('officer', 'officer', 'order_correction', { requirement: '立即停止超标排放', deadlineDays: 30 });
    await act('officer', 'officer', 'record_discretion', WORKED_FINE);
    await act('officer', 'officer', 'issue_advance_notice');
  } finally {
    await pdf.close();
  }
}

before(async () => {
  if (skip !== false) return;
  rig = await startConsoleRig({ name: 'zh-walk-e2e', prepare: seed });
  const officerRegion = (await rig.database.db.selectFrom('users').select('region_code').where('username', '=', 'officer').executeTakeFirstOrThrow()).region_code;
  // A standing draw, so the draws page has one to open (run over HTTP in the dispatcher's session: setup, not a story).
  const login = await fetch(`${rig.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dispatcher', password: DEMO_PASSWORD }) });
  assert.equal(login.status, 200);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('ee_session='))!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const draw = await fetch(`${rig.base}/api/draws`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ regionCode: officerRegion, period: '2026-Q4', published: '2026年12月1日公布的体育彩票开奖号码 01 05 12 18 27' }),
  });
  assert.equal(draw.status, 200, await draw.text());
});

after(async () => {
  if (skip !== false) return;
  await rig?.stop();
});

/**
 * What may stay Latin, each by a narrow pattern (and, for some, only on one page), removed from the text before
 * the search. Order matters: longer identifiers first, so that their parts are not judged as words.
 */
const ALLOWED: ReadonlyArray<readonly [what: string, pattern: RegExp, page?: RegExp]> = [
  // GB/HJ standard numbers: GB 13223-2011, GB/T 4754-2017, HJ 212, HJ 75-2017.
  ['standard number', /\b(?:GB|HJ)(?:\/T)?\s?\d+(?:\.\d+)?(?:[-—]\d{4})?/g],
  // Unified social credit codes (18 characters of the GB 32100 alphabet).
  ['USCC', /\b[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}\b/g],
  // Discharge permit numbers: the USCC and a serial with a letter (…001P).
  ['permit number', /\b[0-9A-HJ-NP-RTUW-Y]{18}\d{3}[A-Z]\b/g],
  // HJ 212 MN numbers (the demo's GD + region + serial + outlet code, padded to 24), and the word MN that
  // names them (HJ 212's own term, as 'ID' is); HJ 212's other field names only in brackets after their
  // Chinese name: 命令编码（CN）.
  ['MN number', /\b[A-Z]{2}\d{6,}[A-Z0-9]{4,}\b/g],
  ['HJ 212 field name', /\bMN\b|（(?:CN|QN|ST|PW)）/g],
  // Outlet codes: DA001 (air), DW001 (water).
  ['outlet code', /\bD[AW]\d{3}\b/g],
  // Enforcement matter codes a user picks and an admin types: AIR-99-2, WAT-94-MAJOR, CET-23-LAB.
  ['matter code', /\b(?:AIR|WAT|CET|EPL|PRM)-\d+(?:-(?:\d+|[A-Z]+))*\b/g],
  // Instrument models from the registry (names in data): GA-3000, FP-100.
  ['instrument model', /\b[A-Z]{2}-\d{2,4}\b/g],
  // Session ids and digests (hexadecimal identifiers a user reads, as SHA-256 sums).
  ['hexadecimal id', /\b[0-9a-f]{12,64}\b/g],
  // The Guangdong rules' own class names of pollutants: A类污染物, B类污染物.
  ['pollutant class', /\b[AB](?=类)/g],
  // Units.
  ['unit', /(?<![A-Za-z])(?:mg\/m3|mg\/m³|mg\/L|m3\/h|m³\/h|m3\/d|m³\/d|m3\/s|m³\/s|m\/s|m3|m³|kPa|kWh|kW|kg|t\/a|t)(?![A-Za-z])/g],
  // Established abbreviations a Chinese user reads as such.
  ['abbreviation', /(?<![A-Za-z])(?:CSV|Excel|PDF|GPS|SHA-256|API|ID)(?![A-Za-z])/g],
  // A draw's random seed as the server computes it ('<published value>|<region code>|<period code>'), shown
  // verbatim so that anyone can recompute the draw.
  ['draw seed', /\|\d{6}\|\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}))?\b/g, /^#\/draws\/\d+$/],
  // The account page and the admin's users page name login names (what a user types to log in: the demo's),
  // the account page a session's browser.
  ['login name', /\b(?:admin|head|legal|analyst|dispatcher|officer2?|company|verifier)\b/g, /^#\/(?:account|users)$/],
  ['browser', /\b(?:Chrome|Edge|Firefox|Safari|Windows|macOS|Linux|Android|iOS)\b/g, /^#\/account$/],
];

/** Latin-letter words left once the allowed patterns (of page `href`) are removed. */
export function latinWords(text: string, href = ''): string[] {
  return [...new Set(offendingLines(text, href).flatMap(([, words]) => words))];
}

/** Each line of `text` with Latin-letter words outside the allow-list of page `href`, with those words. */
function offendingLines(text: string, href: string): Array<[line: string, words: string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const line of text.split('\n')) {
    let rest = line;
    for (const [, pattern, page] of ALLOWED) if (page === undefined || page.test(href)) rest = rest.replace(pattern, ' ');
    const words = rest.match(/[A-Za-z][A-Za-z0-9_.\-/:]*/g);
    if (words !== null) out.push([line.trim(), [...new Set(words)]]);
  }
  return out;
}

/**
 * Parts of a page left out of the search, each with the reason printed when a page holds it: the case file's
 * forms embedded in other pages belong to the case pages left out below.
 */
const PARTS_LEFT_OUT: ReadonlyArray<readonly [selector: string, reason: string]> = [];

/**
 * The main area's text as a user reads it, with the options of its selects (closed, innerText skips them);
 * the parts left out are hidden while it is read. Also the reasons of the parts left out that the page holds.
 */
async function mainText(page: Page): Promise<{ text: string; leftOut: string[] }> {
  return page.locator('#main').evaluate((el, parts) => {
    const hidden: Array<[HTMLElement, string]> = [];
    const leftOut: string[] = [];
    for (const [selector, reason] of parts) {
      const found = Array.from(el.querySelectorAll<HTMLElement>(selector));
      if (found.length > 0) leftOut.push(reason);
      for (const e of found) {
        hidden.push([e, e.style.display]);
        e.style.display = 'none';
      }
    }
    const options = Array.from(el.querySelectorAll('option'), (o) => (o.closest(parts.map(([s]) => s).join(',') || 'none') === null ? o.textContent ?? '' : ''));
    const text = [(el as HTMLElement).innerText, ...options].join('\n');
    for (const [e, display] of hidden) e.style.display = display;
    return { text, leftOut };
  }, PARTS_LEFT_OUT);
}

/** Lets the page's requests settle: no "loading" status left, then a short pause for late answers. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForFunction(() => !/加载中/.test(document.getElementById('main')?.innerText ?? ''), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/** Detail pages one click from a list: the first link of each kind found on the role's pages. */
const DETAILS: ReadonlyArray<readonly [string, RegExp]> = [
  ['enterprise', /^#\/enterprises\/\d+$/],
  ['point', /^#\/points\/\d+$/],
  ['warning', /^#\/warnings\/\d+$/],
  ['task', /^#\/dispatch\/\d+$/],
  ['draw', /^#\/draws\/\d+$/],
  ['rectification', /^#\/rectifications\/\d+$/],
  ['case', /^#\/cases\/\d+$/],
];

/** Pages left out of the walk, each with the reason printed when it is skipped. */
const LEFT_OUT: ReadonlyArray<readonly [RegExp, string]> = [];

const ROLES = ['admin', 'head', 'analyst', 'dispatcher', 'officer', 'company', 'verifier'] as const;

void test('every page of every role in Chinese shows no Latin-letter word outside the allow-list', { skip, timeout: 600_000 }, async () => {
  const offences: string[] = [];
  let pages = 0;
  for (const role of ROLES) {
    const context = await rig.browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`# page error (${role}): ${e.message}`));
    await rigLogin(page, rig.base, role);
    const nav = await page.locator('#nav a[href^="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    nav.push('#/account');
    const visited = new Set<string>();
    const details = new Map<string, string>();
    const visit = async (href: string): Promise<void> => {
      const out = LEFT_OUT.find(([p]) => p.test(href));
      if (out !== undefined) {
        console.log(`# ${role} ${href}: left out of the walk: ${out[1]}`);
        return;
      }
      if (visited.has(href)) return;
      visited.add(href);
      await page.evaluate((h) => { location.hash = h; }, href);
      await settle(page);
      pages++;
      const { text, leftOut } = await mainText(page);
      for (const reason of leftOut) console.log(`# ${role} ${href}: part left out of the walk: ${reason}`);
      for (const [line, words] of offendingLines(text, href)) offences.push(`${role} ${href}: ${words.join(' ')}   ← “${line.slice(0, 120)}”`);
      const links = await page.locator('#main a[href^="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      // The dispatch board opens a task from its card (a button).
      const cards = await page.locator('#main [data-testid^="task-card-"]').evaluateAll((bs) => bs.map((b) => `#/dispatch/${b.getAttribute('data-testid')!.slice('task-card-'.length)}`));
      for (const l of [...links, ...cards]) {
        const kind = DETAILS.find(([, p]) => p.test(l))?.[0];
        // Every warning seeded (one per kind), one of each other kind.
        const key = kind === 'warning' ? l : kind;
        if (key !== undefined && !details.has(key)) details.set(key, l);
      }
    };
    for (const href of nav) await visit(href);
    for (const href of details.values()) await visit(href);
    console.log(`# ${role}: walked ${[...visited].join(' ')}`);
    await context.close();
  }
  for (const o of offences) console.log(`# Latin on a Chinese screen: ${o}`);
  assert.ok(pages > 40, `walked ${pages} pages`);
  assert.deepEqual(offences, [], `${offences.length} Latin-letter words on Chinese screens (listed above)`);
});

void test('errors read in Chinese: a wrong password, a refused request by its code, a server out of reach', { skip }, async () => {
  const context = await rig.browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  // The server says "wrong user name or password" (code unauthenticated).
  await page.goto(rig.base);
  await page.getByTestId('login-username').fill('analyst');
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  const loginError = page.getByTestId('login-error');
  await loginError.waitFor();
  assert.equal(await loginError.textContent(), '登录失败：用户名或密码错误');
  await rigLogin(page, rig.base, 'analyst');
  // A warning that does not exist: the server's "warning 999999 not found" worded by its code.
  await page.evaluate(() => { location.hash = '#/warnings/999999'; });
  const refused = page.locator('#main [role="alert"]').first();
  await refused.waitFor();
  assert.match((await refused.textContent()) ?? '', /未找到该记录/);
  assert.deepEqual(latinWords((await refused.textContent()) ?? ''), []);
  // No answer at all ("Failed to fetch"): the server cannot be reached.
  await page.route('**/api/enterprises*', (route) => route.abort('connectionrefused'));
  await page.evaluate(() => { location.hash = '#/enterprises'; });
  const unreachable = page.locator('#main [role="alert"]').first();
  await unreachable.waitFor();
  assert.match((await unreachable.textContent()) ?? '', /无法连接服务器/);
  assert.deepEqual(latinWords((await unreachable.textContent()) ?? ''), []);
  await context.close();
});

void test('the allow-list keeps identifiers and units and nothing else', () => {
  assert.deepEqual(latinWords('统一社会信用代码 91440300MA5FXXXX1X 许可证 91440300MA5FXXXX1X001P MN GD4413020001DA0010000000 排口 DA001 DW002'), []);
  assert.deepEqual(latinWords('命令编码（CN） CN 事项 AIR-99-2 AIR 99(2) A类污染物 A'), ['CN', 'AIR', 'A']);
  assert.deepEqual(latinWords('系统管理员 admin · Chrome · Linux'), ['admin', 'Chrome', 'Linux']);
  assert.deepEqual(latinWords('系统管理员 admin · Chrome · Linux', '#/account'), []);
  assert.deepEqual(latinWords('限值 50 mg/m3，流量 1200 m3/h，GB 13223-2011 与 HJ 212；导出 CSV、Excel、PDF'), []);
  assert.deepEqual(latinWords('marking_late flatline a21026 degC invalid body'), ['marking_late', 'flatline', 'a21026', 'degC', 'invalid', 'body']);
});
