// Redaction before publication (redaction.ts): personal data goes, the enterprise and its USCC stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTION_RULES, redactAll, redactText } from './redaction.ts';

const USCC = '91440103MA5TE7T1X0';

void test('removes a phone number and a titled person’s name, keeps the enterprise and its USCC', () => {
  const facts = `广州市测试热电有限公司（统一社会信用代码${USCC}）负责人张三称，脱硫设施于11月检修，联系电话13812345678。`;
  const r = redactText(facts, { keep: [USCC] });
  assert.equal(r.text, `广州市测试热电有限公司（统一社会信用代码${USCC}）负责人张某称，脱硫设施于11月检修，联系电话[电话]。`);
  assert.deepEqual(r.removed, { person_name: 1, phone: 1 });
  assert.ok(!r.text.includes('张三') && !r.text.includes('13812345678'));
});

void test('known names go wherever they appear, officers become 执法人员, longest name first', () => {
  const r = redactText('执法人员王五、赵六现场检查，张三丰及张三在场。', { officers: ['王五', '赵六'], persons: ['张三', '张三丰'] });
  assert.equal(r.text, '执法人员执法人员、执法人员现场检查，张某及张某在场。');
  assert.deepEqual(r.removed, { officer_name: 2, person_name: 2 });
});

void test('ID numbers (18 with X, 15 digits), landlines, e-mail and an individual’s address', () => {
  const r = redactText('法定代表人：李四，身份证号44010319800101123X，旧证440103800101123，电话020-83201234，邮箱li.si@example.com，住址：广州市越秀区某路1号；单位地址广州市天河路1号。');
  assert.equal(r.text, '法定代表人：李某，身份证号[身份证号]，旧证[身份证号]，电话[电话]，邮箱[邮箱]，住址：[住址]；单位地址广州市天河路1号。');
  assert.deepEqual(r.removed, { person_name: 1, id_number: 2, phone: 1, email: 1, personal_address: 1 });
});

void test('a three-character name before punctuation; a USCC made only of digits is not taken for an ID number', () => {
  const digits = '914401198001011234';
  const r = redactText(`联系人欧阳锋，代码${digits}`, { keep: [digits] });
  assert.equal(r.text, `联系人欧某，代码${digits}`, "the whole name goes; its first character stands for the surname");
  assert.equal(redactText(`代码${digits}`).removed.id_number, 1, 'without keep it would be taken for an ID number: keep matters');
});

void test('text without personal data is unchanged and nothing is counted; redactAll adds up', () => {
  const clean = '二氧化硫小时浓度超过排放标准2.5倍，违反《大气污染防治法》第九十九条。';
  assert.deepEqual(redactText(clean), { text: clean, removed: {} });
  const all = redactAll({ a: '电话13900000000', b: '手机 139 0000 0001' }, {});
  assert.deepEqual(all.texts, { a: '电话[电话]', b: '手机 [电话]' });
  assert.deepEqual(all.removed, { phone: 2 });
  assert.equal(new Set(REDACTION_RULES.map((r) => r.kind)).size, REDACTION_RULES.length);
});

void test('a titled name before a verb; an officer whose display name is the placeholder itself is no name', () => {
  assert.equal(redactText('负责人李四陪同检查').text, '负责人李某陪同检查');
  const r = redactText('执法人员执法人员二现场核实', { officers: ['执法人员', '执法人员二'] });
  assert.equal(r.text, '执法人员执法人员现场核实');
  assert.deepEqual(r.removed, { officer_name: 1 });
});

void test('the legal representative is a natural person: a known name goes untitled too, the party stays', () => {
  // case-publication.ts passes enterprises.legal_representative among the persons.
  const r = redactText('广州市测试热电有限公司由陈伟明实际经营，陈伟明于11月21日到场接受询问。', { persons: ['陈伟明'], keep: ['广州市测试热电有限公司'] });
  assert.equal(r.text, '广州市测试热电有限公司由陈某实际经营，陈某于11月21日到场接受询问。');
  assert.deepEqual(r.removed, { person_name: 2 });
});

void test('officers’ certificate numbers go with their names: known ones, after 执法证号, and the 粤环执字第…号 form', () => {
  const r = redactText('执法人员王五（执法证号：粤环执字第010231号）、赵六（执法证号44010012345）出示粤环执字第 010232 号执法证，证号4401 0012345另记。', {
    officers: ['王五', '赵六'], certificates: ['4401 0012345'],
  });
  assert.equal(r.text, '执法人员执法人员（执法证号：[执法证号]）、执法人员（执法证号[执法证号]）出示[执法证号]执法证，证号[执法证号]另记。');
  assert.deepEqual(r.removed, { officer_name: 2, certificate_no: 4 });
  // A certificate title with no number after it, and words after a number, stay.
  assert.deepEqual(redactText('执法证号已当场出示'), { text: '执法证号已当场出示', removed: {} });
  assert.equal(redactText('执法证号A12345现场核实').text, '执法证号[执法证号]现场核实');
  assert.ok(REDACTION_RULES.some((x) => x.kind === 'certificate_no' && x.replacement === '[执法证号]'));
});
