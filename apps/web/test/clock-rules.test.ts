// Every legal clock the domain and the server produce is worded in both console languages from its id and
// params, with its citations; an unknown id (or a clock without params) shows the server's text. No browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import {
  beijing, caseClocks, newCase, newTransfer, orderRectification, rectificationClocks, SOURCE_TITLES_ZH, transferClocks, type CaseRecord, type Clock,
} from '@ecoenforce/domain';
import { zh } from '../src/i18n/zh.ts';
import { en } from '../src/i18n/en.ts';
import { CLOCK_RULES, clockRuleText, type Translate } from '../src/components/clock-rule.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** The ids of every evaluateClock('…', …) call in the domain's enforcement rules and the server's modules. */
function clockIdsInSource(): string[] {
  const ids = new Set<string>();
  for (const dir of ['packages/domain/src/enforcement', 'apps/server/src']) {
    for (const name of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      for (const m of readFileSync(join(ROOT, dir, name), 'utf8').matchAll(/\bevaluateClock\(\s*'([\w-]+)'/g)) ids.add(m[1]!);
    }
  }
  return [...ids].sort();
}

async function translator(lng: 'zh' | 'en'): Promise<Translate> {
  const i = i18next.createInstance();
  await i.init({ resources: { zh: { translation: zh }, en: { translation: en } }, lng, fallbackLng: false, interpolation: { escapeValue: false } });
  return (key, options) => i.t(key, options ?? {});
}

/**
 * Clocks built by the domain, every kind once at least: a case filed late (extended), transferred, decided and
 * served; the same without extension or transfer; a transfer the police declined; an order to correct.
 */
function domainClocks(): Clock[] {
  const at = beijing('2026-03-02T09:00');
  const day = 86_400_000;
  const transfer = { ...newTransfer(at + 2 * day, 'o1', ['heavy_metal_3x'], null, 'investigating'), approvedAt: at + 3 * day, sentAt: at + 3 * day, policeDecision: 'accepted' as const, policeDecisionAt: at + 5 * day };
  const c: CaseRecord = {
    ...newCase('c1', 'm1', at), state: 'served', filingExtension: { at: at + day / 2, by: 'head', reason: 'r' }, filedAt: at + day, advanceNoticeAt: at + 10 * day, hearingRequestedAt: at + 11 * day,
    decidedAt: at + 20 * day, servedAt: at + 21 * day, outcome: 'penalty', transfer,
  };
  const declined = { ...transfer, policeDecision: 'declined' as const, reconsiderationRequestedAt: at + 6 * day };
  const order = orderRectification('r1', at, 10, { caseId: 'c1' });
  assert.ok(order.ok);
  return [...caseClocks(c, at + 22 * day), ...caseClocks({ ...c, filingExtension: null, transfer: null }, at + 22 * day), ...transferClocks(declined, at + 7 * day), ...rectificationClocks(order.value, at + day)];
}

void test('every clock id in the domain and the server has a wording in Chinese and English', () => {
  const ids = clockIdsInSource();
  assert.ok(ids.length >= 13 && ids.includes('task') && ids.includes('decision'), `ids read from the source: ${ids.join(', ')}`);
  assert.deepEqual(ids.filter((id) => !Object.hasOwn(CLOCK_RULES, id)), []);
  assert.deepEqual(Object.keys(CLOCK_RULES).filter((id) => !ids.includes(id)), [], 'no wording for an id nothing produces');
});

void test('the domain\'s clocks carry their params, worded with the citations in both languages', async () => {
  const [tz, te] = [await translator('zh'), await translator('en')];
  const clocks = domainClocks();
  const produced = new Set(clocks.map((k) => k.id));
  assert.deepEqual(clockIdsInSource().filter((id) => id !== 'task' && !produced.has(id)), [], 'the fixture runs every domain clock');
  for (const k of clocks) {
    assert.ok(k.params !== undefined, `${k.id} has params`);
    const [zhText, enText] = [clockRuleText(k, tz), clockRuleText(k, te)];
    assert.ok(/[\u4e00-\u9fff]/.test(zhText) && !zhText.includes('{{') && !zhText.includes('clockRules.'), `${k.id}: ${zhText}`);
    assert.notEqual(zhText, k.rule);
    // The English wording is the server's own sentence, rebuilt from the params.
    assert.equal(enText, k.rule);
    // Citations kept: every source the server cites by its rules.md key appears in the Chinese by its
    // official title, and no key is left on the screen.
    for (const key of k.rule.match(/\b(W12|TRF|LNK|CPL|DPM)\b/g) ?? []) assert.ok(zhText.includes(SOURCE_TITLES_ZH[key]!), `${k.id}: ${key} in ${zhText}`);
    assert.doesNotMatch(zhText, /[A-Za-z]/, `${k.id}: ${zhText}`);
    if (k.rule.includes('APL')) assert.ok(zhText.includes('行政处罚法'), zhText);
  }
  const decisions = clocks.filter((k) => k.id === 'decision').map((k) => clockRuleText(k, tz));
  assert.match(decisions[0]!, /，移送公安机关的18日不计入〔《环境保护行政执法与刑事司法衔接工作办法》第十六条〕〔《生态环境行政处罚办法》；《中华人民共和国行政处罚法》第六十条〕$/);
  assert.equal(decisions[1], '作出处罚决定期限：立案之日起90日（可延长30日两次）〔《生态环境行政处罚办法》；《中华人民共和国行政处罚法》第六十条〕');
  assert.equal(clockRuleText(clocks.find((k) => k.id === 'service')!, tz), '送达期限：7个工作日内送达处罚决定书〔《中华人民共和国行政处罚法》第六十一条、第八十五条〕');
  assert.match(clockRuleText(clocks.find((k) => k.id === 'filing')!, tz), /15日内立案，已延长15日〔《生态环境行政处罚办法》〕/);
  assert.match(clockRuleText(clocks.find((k) => k.id === 'transfer_police_decision')!, tz), /3日内决定是否立案（一般案件）/);
  assert.match(clockRuleText(clocks.find((k) => k.id === 'reinspection')!, tz), /30日内复查〔《环境保护主管部门实施按日连续处罚办法》〕/);
});

void test('a paused decision clock and the task SLA', async () => {
  const [tz, te] = [await translator('zh'), await translator('en')];
  assert.equal(clockRuleText({ id: 'decision', rule: 'x', params: { days: 120, pausedDays: 4 } }, tz), '作出处罚决定期限：立案之日起120日（可延长30日两次），移送公安机关的4日不计入〔《环境保护行政执法与刑事司法衔接工作办法》第十六条〕〔《生态环境行政处罚办法》；《中华人民共和国行政处罚法》第六十条〕');
  const task = { id: 'task', rule: 'tip task SLA (configurable default, not law)', params: { sourceKind: 'tip' } };
  assert.equal(clockRuleText(task, tz), '举报任务处理时限（可配置的默认值，非法定期限）');
  assert.equal(clockRuleText(task, te), 'Tip task SLA (configurable default, not law)');
});

void test('an unknown id, or a clock without the params its wording needs, shows the server\'s text', async () => {
  const tz = await translator('zh');
  assert.equal(clockRuleText({ id: 'appeal', rule: 'appeal within 60 days [APL 73]', params: { days: 60 } }, tz), 'appeal within 60 days [APL 73]');
  assert.equal(clockRuleText({ id: 'service', rule: 'serve the decision within 7 working days [APL 61, 85]' }, tz), 'serve the decision within 7 working days [APL 61, 85]');
  assert.equal(clockRuleText({ id: 'transfer_send', rule: 'sent [TRF 5]', params: { days: 1 } }, tz), 'sent [TRF 5]');
  assert.equal(clockRuleText({ id: 'toString', rule: 'own text', params: {} }, tz), 'own text');
});
