// Tables in and out: CSV (RFC 4180) and XLSX (exceljs) for list exports and registry imports.
// CSV goes out as UTF-8 with a BOM, which is how Excel recognises UTF-8 and shows Chinese correctly; CSV
// coming in may be UTF-8 (with or without BOM) or GB18030, what Excel on a Chinese Windows saves by default.
import ExcelJS from 'exceljs';

export interface TabularColumn {
  key: string;
  header: string;
}

export interface Table {
  headers: string[];
  /** One record per data row, keyed by header; blank rows inside the table are kept (as all '') so that
   * index i is spreadsheet row i + 2 (the header is row 1). */
  rows: Array<Record<string, string>>;
}

export class TabularError extends Error {
  constructor(
    readonly code: 'unsupported_format' | 'too_large' | 'malformed_csv' | 'malformed_xlsx' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'TabularError';
  }
}

/** A registry file is thousands of rows; refuse anything that could be a decompression bomb or a mistake. */
export const MAX_TABLE_BYTES = 32 * 1024 * 1024;

const BOM = '\uFEFF';

/** Text of a value as a cell shows it: '' for null, ISO 8601 for dates, JSON for other objects. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/**
 * Text starting with = + - @ (or a tab / CR, which some spreadsheet programs skip before them) would run as a
 * formula when the file is opened (CSV injection, OWASP): prefix a single quote. Numbers are never formulas
 * and stay as they are, so negative values still export as numbers.
 */
function guardFormula(v: unknown, text: string): string {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 §2: quote a field holding a comma, quote or line break, doubling the quotes inside. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text (BOM, CRLF line ends as RFC 4180 §2.1) of `rows` in the order of `columns`. */
export function toCsv(columns: readonly TabularColumn[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  const lines = [columns.map((c) => csvField(guardFormula(c.header, c.header))).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => csvField(guardFormula(row[c.key], cellText(row[c.key])))).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** An XLSX workbook with one sheet: a bold, frozen header row; numbers and dates keep their types. */
export async function toXlsx(columns: readonly TabularColumn[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Sheet names: at most 31 characters, none of : \ / ? * [ ] (Excel's rule; exceljs throws otherwise).
  const name = sheetName.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(60, Math.max(10, c.header.length * 2)) }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    const values: Record<string, ExcelJS.CellValue> = {};
    for (const c of columns) {
      const v = row[c.key];
      // Strings go in as strings: an XLSX string cell is never evaluated, so no injection guard is needed here.
      values[c.key] = typeof v === 'number' || typeof v === 'boolean' || v instanceof Date ? v : v === null || v === undefined ? null : cellText(v);
    }
    ws.addRow(values);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the first sheet of an .xlsx or a .csv file into a header row and records. */
export async function readTable(bytes: Buffer, filename: string): Promise<Table> {
  if (bytes.length > MAX_TABLE_BYTES) throw new TabularError('too_large', `file is larger than ${MAX_TABLE_BYTES} bytes`);
  const ext = /\.([^.]+)$/.exec(filename.toLowerCase())?.[1];
  let grid: string[][];
  if (ext === 'csv' || ext === 'txt') grid = parseCsv(decodeText(bytes));
  else if (ext === 'xlsx') grid = await xlsxGrid(bytes);
  else throw new TabularError('unsupported_format', `unsupported file type '${ext ?? filename}': use .csv or .xlsx`);
  return toTable(grid);
}

/** UTF-8 (BOM stripped) when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK / GB2312). */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** RFC 4180 records. Also accepts LF line ends, and tab as the separator when the first line has tabs but no commas. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const ch = text.charAt(i);
    if (ch === '"' && field === '') {
      // Quoted field: runs to the next quote not followed by another quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new TabularError('malformed_csv', `unterminated quoted field starting on line ${startLine}`);
        const c = text.charAt(i);
        if (c === '"') {
          if (text.charAt(i + 1) === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = text.charAt(i);
      if (i < n && next !== sep && next !== '\r' && next !== '\n') {
        throw new TabularError('malformed_csv', `unexpected text after a closing quote on line ${line}`);
      }
      continue;
    }
    if (ch === sep) {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += ch === '\r' && text.charAt(i + 1) === '\n' ? 2 : 1;
      line++;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

async function xlsxGrid(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's load() is typed for an ArrayBuffer-like; its zip reader takes a Node Buffer as well.
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new TabularError('malformed_xlsx', `not a readable .xlsx file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const ws = wb.worksheets[0];
  if (ws === undefined) return [];
  const grid: string[][] = [];
  // Sheet row r goes to grid[r - 1] so that row numbers in error reports are the ones the user sees.
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      cells[c - 1] = xlsxCellText(cell.value);
    });
    grid[r - 1] = Array.from(cells, (v) => v ?? '');
  });
  return Array.from(grid, (r) => r ?? []);
}

/** The text a user typed or sees: formula results, rich text joined, dates as Y-M-D (h:m:s). */
function xlsxCellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    // exceljs hands back the sheet's wall-clock time as if it were UTC.
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return xlsxCellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : xlsxCellText(v.text);
  if ('error' in v) return '';
  return '';
}

function toTable(grid: string[][]): Table {
  // Trailing blank rows are not part of the table (CSV files end in a newline, sheets keep formatting).
  while (grid.length > 0 && grid[grid.length - 1]!.every((c) => c.trim() === '')) grid.pop();
  const headerRow = grid[0];
  if (headerRow === undefined) throw new TabularError('empty', 'the file has no header row');
  const headers = headerRow.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const rows = grid.slice(1).map((cells) => {
    const rec: Record<string, string> = {};
    headers.forEach((h, i) => {
      // A later column with the same header does not overwrite the first; the importer reports the duplicate.
      // defineProperty: a header named __proto__ must become a field, not the record's prototype.
      if (h !== '' && !Object.hasOwn(rec, h)) Object.defineProperty(rec, h, { value: cells[i] ?? '', enumerable: true, writable: true, configurable: true });
    });
    return rec;
  });
  return { headers, rows };
}
