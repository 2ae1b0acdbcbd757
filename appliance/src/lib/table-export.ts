import { AppError } from '@edgecall/contracts';
import { raw, type RawResponse } from './http-route.ts';
import { toCsv } from './csv.ts';
import { XLSX_CONTENT_TYPE, type XlsxCell, type XlsxWriter } from './xlsx.ts';

const cell = (v: unknown): XlsxCell => (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v));

/** A list export as a download: CSV, or XLSX when main.ts wired a writer. */
export function tableExport(format: 'csv' | 'xlsx', name: string, header: string[], rows: unknown[][], xlsx?: XlsxWriter): RawResponse {
  if (format === 'csv') return raw('text/csv; charset=utf-8', toCsv(header, rows), { 'Content-Disposition': `attachment; filename="${name}.csv"` });
  if (!xlsx) throw new AppError('validation_failed', 'XLSX export is not available here; use format=csv', [{ path: 'format', message: 'use csv' }]);
  return raw(XLSX_CONTENT_TYPE, xlsx({ name, header, rows: rows.map((r) => r.map(cell)) }), { 'Content-Disposition': `attachment; filename="${name}.xlsx"` });
}
