// Reading a list export back (issue 14 §6): its sheet as rows of cell text, and the check that no header or
// cell carries English — a run of three Latin letters — outside the columns a person types codes into (MN,
// USCC, hashes).
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { parseCsv } from '../src/platform/tabular.ts';

export interface ExportSheet {
  /** The sheet's tab name ('' for CSV). */
  name: string;
  headers: string[];
  rows: string[][];
  /** The cell text of a data row under a header. */
  cell(row: number, header: string): string;
  /** The raw value of a data row under a header (XLSX keeps numbers as numbers; CSV gives text). */
  value(row: number, header: string): unknown;
}

function sheetOf(name: string, headers: string[], rows: string[][], values: unknown[][]): ExportSheet {
  const at = (header: string): number => {
    const i = headers.indexOf(header);
    assert.ok(i >= 0, `no column ${header} in ${headers.join(',')}`);
    return i;
  };
  return { name, headers, rows, cell: (row, header) => rows[row]![at(header)] ?? '', value: (row, header) => values[row]![at(header)] ?? null };
}

/** An XLSX download's first sheet. */
export async function xlsxSheet(payload: unknown): Promise<ExportSheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const width = ws.getRow(1).cellCount;
  const texts: string[][] = [];
  const values: unknown[][] = [];
  ws.eachRow((row) => {
    const t: string[] = [];
    const v: unknown[] = [];
    for (let c = 1; c <= width; c++) {
      t.push(row.getCell(c).text);
      v.push(row.getCell(c).value);
    }
    texts.push(t);
    values.push(v);
  });
  return sheetOf(ws.name, texts[0] ?? [], texts.slice(1), values.slice(1));
}

/** A CSV download (a BOM first, as the server sends it). */
export function csvSheet(body: string): ExportSheet {
  const records = parseCsv(body.replace(/^\uFEFF/, '')).filter((r) => r.length > 1 || r[0] !== '');
  const rows = records.slice(1);
  return sheetOf('', records[0] ?? [], rows, rows);
}

/** Unit symbols a Chinese table writes as they are (GB 3100): not English words. */
const UNIT_SYMBOLS = /kPa/g;

/** No header, no sheet name and no cell outside `codeColumns` holds a run of three Latin letters (unit symbols aside). */
export function assertChineseOnly(sheet: ExportSheet, codeColumns: readonly string[] = []): void {
  const english = /[A-Za-z]{3,}/;
  const check = (text: string, what: string): void => assert.doesNotMatch(text.replace(UNIT_SYMBOLS, ''), english, `${what}: ${text}`);
  check(sheet.name, 'sheet name');
  for (const h of sheet.headers) check(h, 'header');
  sheet.rows.forEach((row, r) => {
    row.forEach((text, c) => {
      const header = sheet.headers[c] ?? '';
      if (!codeColumns.includes(header)) check(text, `row ${r + 2}, column ${header}`);
    });
  });
}
