// Tables in and out (tabular.ts): CSV quoting and formula guards, CSV and XLSX reading in UTF-8 and GB18030.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { decodeText, parseCsv, readTable, TabularError, toCsv, toXlsx } from './tabular.ts';

const COLUMNS = [
  { key: 'name', header: '单位名称 Name' },
  { key: 'value', header: '数值 Value' },
  { key: 'note', header: '备注 Note' },
];

/** GBK/GB18030 two-byte encoder built by inverting the decoder (Node has no GB18030 encoder). */
function gb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const map = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) map.set(dec.decode(Uint8Array.of(lead, trail)), [lead, trail]);
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : map.get(ch) ?? assert.fail(`no GBK code for ${ch}`))));
}

void test('toCsv: BOM, CRLF, RFC 4180 quoting, nulls and numbers', () => {
  const csv = toCsv(COLUMNS, [
    { name: '广州市,热电"有限"公司', value: 12.5, note: '第一行\n第二行' },
    { name: '佛山陶瓷', value: null, note: undefined },
    { name: 'plain', value: 0, note: true },
  ]);
  assert.ok(csv.startsWith('\uFEFF'));
  assert.equal(
    csv,
    '\uFEFF单位名称 Name,数值 Value,备注 Note\r\n"广州市,热电""有限""公司",12.5,"第一行\n第二行"\r\n佛山陶瓷,,\r\nplain,0,true\r\n',
  );
  // Two records although one field holds a line break.
  assert.equal(parseCsv(decodeText(Buffer.from(csv, 'utf8'))).length, 4);
});

void test('toCsv guards against formula injection in text but leaves numbers alone', () => {
  const csv = toCsv([{ key: 'v', header: 'v' }], [{ v: '=HYPERLINK("http://x","y")' }, { v: '+1' }, { v: '-2+3' }, { v: '@SUM(A1)' }, { v: '\t=1' }, { v: -5 }, { v: 'a=b' }]);
  const lines = csv.slice(1).split('\r\n');
  assert.deepEqual(lines, ['v', `"'=HYPERLINK(""http://x"",""y"")"`, "'+1", "'-2+3", "'@SUM(A1)", "'\t=1", '-5', 'a=b', '']);
});

void test('readTable reads CSV as UTF-8 with or without BOM, and as GB18030 when UTF-8 is invalid', async () => {
  const text = '统一社会信用代码,单位名称\r\n91440101MA5XXXXX01,"广州""南方""热电"\r\n';
  const expected = { headers: ['统一社会信用代码', '单位名称'], rows: [{ 统一社会信用代码: '91440101MA5XXXXX01', 单位名称: '广州"南方"热电' }] };
  assert.deepEqual(await readTable(Buffer.from(`\uFEFF${text}`, 'utf8'), 'a.csv'), expected);
  assert.deepEqual(await readTable(Buffer.from(text, 'utf8'), 'a.CSV'), expected);
  const gbk = gb18030(text);
  assert.notDeepEqual(gbk, Buffer.from(text, 'utf8'));
  assert.deepEqual(await readTable(gbk, 'a.csv'), expected);
});

void test('readTable keeps blank rows inside the table (row numbers stay true) and drops trailing ones; LF and tabs work', async () => {
  const t = await readTable(Buffer.from('a,b\n1,2\n\n3,\n\n\n', 'utf8'), 'x.csv');
  assert.deepEqual(t.rows, [{ a: '1', b: '2' }, { a: '', b: '' }, { a: '3', b: '' }]);
  const tabs = await readTable(Buffer.from('a\tb\n"x,y"\tz\n', 'utf8'), 'x.txt');
  assert.deepEqual(tabs.rows, [{ a: 'x,y', b: 'z' }]);
  // A header called __proto__ is a field like any other.
  const proto = await readTable(Buffer.from('__proto__,b\n1,2\n', 'utf8'), 'x.csv');
  assert.equal(Object.getPrototypeOf(proto.rows[0]), Object.prototype);
  assert.equal(proto.rows[0]!.__proto__, '1');
});

void test('readTable rejects unknown formats, unterminated quotes and empty files with typed errors', async () => {
  const code = (c: string) => (err: unknown) => err instanceof TabularError && err.code === c;
  await assert.rejects(readTable(Buffer.from('x'), 'a.xls'), code('unsupported_format'));
  await assert.rejects(readTable(Buffer.from('a,b\n"open,1\n'), 'a.csv'), code('malformed_csv'));
  await assert.rejects(readTable(Buffer.from('a,b\n"x"y,1\n'), 'a.csv'), code('malformed_csv'));
  await assert.rejects(readTable(Buffer.from('\n\n'), 'a.csv'), code('empty'));
  await assert.rejects(readTable(Buffer.from('PK not a zip'), 'a.xlsx'), code('malformed_xlsx'));
});

void test('toXlsx: bold frozen header, typed cells; round trip through readTable', async () => {
  const rows = [
    { name: '=1+1 不是公式', value: 35, note: '超低排放' },
    { name: '佛山陶瓷', value: null, note: new Date(Date.UTC(2024, 2, 1)) },
    { name: 'x', value: -0.5, note: { a: 1 } },
  ];
  const buf = await toXlsx(COLUMNS, rows, 'enterprises/2026:11');
  assert.ok(Buffer.isBuffer(buf));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  assert.equal(ws.name, 'enterprises_2026_11');
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
  assert.equal(ws.getRow(1).font?.bold, true);
  assert.equal(ws.getCell('B2').value, 35);
  // A text cell is never evaluated: it stays text, with no guard quote.
  assert.equal(ws.getCell('A2').value, '=1+1 不是公式');

  const back = await readTable(buf, 'export.xlsx');
  assert.deepEqual(back.headers, COLUMNS.map((c) => c.header));
  assert.deepEqual(back.rows, [
    { '单位名称 Name': '=1+1 不是公式', '数值 Value': '35', '备注 Note': '超低排放' },
    { '单位名称 Name': '佛山陶瓷', '数值 Value': '', '备注 Note': '2024-03-01' },
    { '单位名称 Name': 'x', '数值 Value': '-0.5', '备注 Note': '{"a":1}' },
  ]);
});

void test('readTable on XLSX: the first sheet, formula results, rich text, sheet row numbers kept', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  wb.addWorksheet('other').addRow(['ignored']);
  ws.getCell('A1').value = 'code';
  ws.getCell('B1').value = 'name';
  ws.getCell('A2').value = { formula: '40+4', result: 44 };
  ws.getCell('B2').value = { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] };
  ws.getCell('A4').value = '4411';
  const t = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
  assert.deepEqual(t.rows, [{ code: '44', name: '富文本' }, { code: '', name: '' }, { code: '4411', name: '' }]);
});
