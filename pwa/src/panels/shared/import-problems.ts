import { ApiError } from '../../data/errors.ts';
import type { CsvProblem } from '../../components/ec-csv-import.ts';

/** An import's refused lines, whichever shape the appliance used ({line} or a zod-like {path}). */
export function importProblems(e: unknown): CsvProblem[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return [];
  return e.details
    .filter((d): d is { line?: unknown; path?: unknown; field?: unknown; message?: unknown } => typeof d === 'object' && d !== null && typeof (d as { message?: unknown }).message === 'string')
    .map((d) => ({
      line: typeof d.line === 'number' ? d.line : null,
      message: [typeof d.field === 'string' ? d.field : typeof d.path === 'string' && d.path ? d.path : null, String(d.message)].filter(Boolean).join(': '),
    }));
}
