/** RFC 4180 CSV with a BOM so spreadsheet programs read Azerbaijani letters right. */
export function toCsv(header: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    // A leading = + - @ would run as a formula in a spreadsheet: neutralise it.
    // "+994501234567" can compute nothing: phone numbers stay as the caller sent them.
    const safe = /^[=+\-@\t\r]/.test(s) && !/^\+[0-9]{3,20}$/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export interface CsvRecord {
  /** The file line the record starts on (1 = the header), for error messages. */
  line: number;
  cells: string[];
}

/**
 * Parses RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes,
 * CRLF/LF). Skips a BOM and blank lines, and undoes toCsv's formula guard
 * (`'+994…` → `+994…`) so an export imports back unchanged. Returns the
 * line of an unterminated quote instead of throwing.
 */
export function parseCsv(text: string): { records: CsvRecord[]; error?: { line: number; message: string } } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endCell = () => {
    cells.push(/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (touched || cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
    cells = [];
    touched = false;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      touched = true;
    } else if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (quoted) return { records, error: { line: start, message: 'a quoted cell is never closed' } };
  endRecord();
  return { records };
}

/** Header names compare loosely: `Request type`, `request_type` and `requestType` are one column. */
export const csvColumnKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export interface CsvRow {
  line: number;
  /** The trimmed cell of a column (by its loose name), '' when absent. */
  get(column: string): string;
}
export interface CsvLineError {
  line: number;
  message: string;
}

/**
 * A CSV upload as rows addressed by column name. `required` lists columns
 * of which at least one of each group must be present (`['name', 'cityId|city']`).
 */
export function readCsvTable(text: string, opts: { required: string[]; maxRows?: number }): { rows: CsvRow[]; columns: Set<string>; errors: CsvLineError[] } {
  const { records, error } = parseCsv(text);
  const none = { rows: [] as CsvRow[], columns: new Set<string>() };
  if (error) return { ...none, errors: [error] };
  if (!records.length) return { ...none, errors: [{ line: 1, message: 'the file is empty: the first row must name the columns' }] };
  const header = records[0].cells.map(csvColumnKey);
  const columns = new Set(header.filter(Boolean));
  const errors: CsvLineError[] = [];
  const missing = opts.required.filter((group) => !group.split('|').some((c) => columns.has(csvColumnKey(c))));
  if (missing.length) errors.push({ line: records[0].line, message: `missing column(s): ${missing.map((g) => g.split('|').join(' or ')).join(', ')}` });
  const maxRows = opts.maxRows ?? 50_000;
  if (records.length - 1 > maxRows) errors.push({ line: records[maxRows + 1].line, message: `more than ${maxRows} rows: split the file` });
  if (records.length === 1) errors.push({ line: records[0].line, message: 'no rows below the header' });
  if (errors.length) return { ...none, errors };
  const rows = records.slice(1).map((r): CsvRow => {
    const extra = r.cells.slice(header.length).some((c) => c.trim() !== '');
    if (extra) errors.push({ line: r.line, message: `${r.cells.length} cells but the header names ${header.length} columns` });
    return {
      line: r.line,
      get: (column) => {
        const i = header.indexOf(csvColumnKey(column));
        return i < 0 ? '' : (r.cells[i] ?? '').trim();
      },
    };
  });
  return { rows, columns, errors };
}
