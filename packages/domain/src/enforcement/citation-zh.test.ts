// Citations as served documents write them (citation-zh.ts): every source key the rules use becomes an
// official title and Chinese article numbers; research notes and file names vanish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleRefsZh, citationZh, cnNumber } from './citation-zh.ts';
import { DISCRETION_TABLES } from './discretion-tables.ts';

void test('article numbers in Chinese numerals', () => {
  assert.deepEqual([1, 10, 12, 20, 21, 99, 100, 105, 110, 999].map(cnNumber), ['一', '十', '十二', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十', '九百九十九']);
});

void test('the keys the discretion rules cite, as a party reads them', () => {
  const GD = '《广东省生态环境行政处罚自由裁量权规定》';
  const A1 = '《广东省生态环境违法行为行政处罚罚款金额裁量表》';
  const cases: Array<[string, string]> = [
    ['[GD-A1]; rules.md rule 4', A1],
    ['[GD-A1]; GD art. 4(1)', `${A1}；${GD}第四条第一项`],
    ['GD art. 14(10)', `${GD}第十四条第十项`],
    ['[GD-A1]; GD art. 21, 22', `${A1}；${GD}第二十一条、第二十二条`],
    ['APL 32; GD art. 11, 12(2)', `《中华人民共和国行政处罚法》第三十二条；${GD}第十一条、第十二条第二项`],
    ['APL 33 ¶1', '《中华人民共和国行政处罚法》第三十三条第一款'],
    ['[GD art. 6; GD-A1] PRM 34 floor 20 %', `${GD}第六条；${A1}；《排污许可管理条例》第三十四条`],
    ['AIR 99(2); GD art. 3(1)', `《中华人民共和国大气污染防治法》第九十九条第二项；${GD}第三条第一项`],
    ['LNK art. 11 (statute, outside rules.md)', '《环境保护行政执法与刑事司法衔接工作办法》第十一条'],
    ['[GD-A1] (bands as air: rules.md silent)', A1],
    ['[W13]; GD art. 20', `《关于进一步规范适用环境行政处罚自由裁量权的指导意见》（环执法〔2019〕42号）；${GD}第二十条`],
    ['GD; GD art. 6', `${GD}第六条`],
    ['OSI 19–20; AIR 20', '《污染源自动监控设施现场监督检查办法》第十九条至第二十条；《中华人民共和国大气污染防治法》第二十条'],
    ['B13271 Table 6', '《锅炉大气污染物排放标准》（GB 13271—2014）表6'],
    ['B13271', '《锅炉大气污染物排放标准》（GB 13271—2014）'],
    ['OPS 15', '《污染源自动监控设施运行管理办法》第十五条'],
    ['rules.md §6', ''],
    ['input', ''],
  ];
  for (const [source, expected] of cases) assert.equal(citationZh(source), expected, source);
});

void test('no factor of a seeded discretion table cites anything a party cannot read', () => {
  for (const t of DISCRETION_TABLES) {
    for (const s of [t.source, t.start.source, ...t.factors.map((f) => f.source)]) {
      const c = citationZh(s);
      assert.notEqual(c, '', `${t.id}: "${s}" names a source`);
      assert.doesNotMatch(c, /[A-Za-z[\]]|rules\.md/, `${t.id}: "${s}" → "${c}"`);
    }
  }
});

void test('references of one law name it once', () => {
  assert.equal(articleRefsZh([{ law: 'AIR', article: 20 }, { law: 'AIR', article: 99, item: 3 }]), '《中华人民共和国大气污染防治法》第二十条、第九十九条第三项');
  assert.equal(articleRefsZh([{ law: 'EPL', article: 63 }, { law: 'AIR', article: 99, item: 2 }]), '《中华人民共和国环境保护法》第六十三条；《中华人民共和国大气污染防治法》第九十九条第二项');
});
