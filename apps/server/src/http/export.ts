// CSV and XLSX downloads of a list endpoint's rows (the whole filtered list, not one page).
import type { FastifyReply } from 'fastify';
import { toCsv, toXlsx } from '../platform/tabular.ts';

export type ExportFormat = 'csv' | 'xlsx';
export interface ExportColumn {
  key: string;
  header: string;
}

/** Exports are capped: a bureau-wide table is thousands of rows, never millions. */
export const EXPORT_MAX_ROWS = 100_000;

/** `name` is the file's (ASCII, a header value); `sheet` the XLSX sheet's, default `name` (a Chinese one shows in Excel's tab). */
export async function sendExport(reply: FastifyReply, format: ExportFormat, name: string, columns: ExportColumn[], rows: Array<Record<string, unknown>>, sheet = name): Promise<FastifyReply> {
  const stamp = new Date().toISOString().slice(0, 10);
  const file = `${name}-${stamp}.${format}`;
  reply.header('content-disposition', `attachment; filename="${file}"`);
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(columns, rows));
  const body = await toXlsx(columns, rows, sheet);
  return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(body);
}
