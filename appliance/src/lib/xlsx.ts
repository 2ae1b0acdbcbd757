/**
 * A minimal XLSX (Office Open XML spreadsheet) writer: one sheet, inline
 * strings, numbers, booleans, a bold frozen header row and column widths.
 * Exports need nothing more, and a spreadsheet library would be a large
 * dependency for it. lib/ stays pure (DESIGN.md §3), so the zip container's
 * compression and checksum come in as a codec; main.ts hands in node:zlib's
 * (adapters/system/zip-codec.ts).
 */

export interface ZipCodec {
  deflateRaw(data: Uint8Array): Uint8Array;
  crc32(data: Uint8Array): number;
}

export type XlsxCell = string | number | boolean | null | undefined;

export interface XlsxSheet {
  /** Tab name; characters Excel refuses are replaced, at most 31 characters. */
  name?: string;
  header: string[];
  rows: XlsxCell[][];
  /** Column widths in characters; by default from the longest value (10–60). */
  widths?: number[];
}

/** What routes are handed: the sheet in, the .xlsx file out. */
export type XlsxWriter = (sheet: XlsxSheet) => Buffer;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function createXlsxWriter(codec: ZipCodec): XlsxWriter {
  return (sheet) => buildXlsx(sheet, codec);
}

export function buildXlsx(sheet: XlsxSheet, codec: ZipCodec): Buffer {
  const text = (s: string) => new TextEncoder().encode(s);
  return zip(
    [
      { name: '[Content_Types].xml', data: text(CONTENT_TYPES) },
      { name: '_rels/.rels', data: text(ROOT_RELS) },
      { name: 'xl/workbook.xml', data: text(workbookXml(sheetName(sheet.name))) },
      { name: 'xl/_rels/workbook.xml.rels', data: text(WORKBOOK_RELS) },
      { name: 'xl/styles.xml', data: text(STYLES) },
      { name: 'xl/worksheets/sheet1.xml', data: text(sheetXml(sheet)) },
    ],
    codec,
  );
}

// ── the sheet ─────────────────────────────────────────────────────────────

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** XML 1.0 cannot carry most control characters at all, escaped or not: they are dropped. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Same rule as lib/csv.ts: a leading = + - @ would run as a formula once the
 * file is re-saved as CSV or pasted elsewhere, so such text gets a quote.
 * Inline strings are never evaluated inside the xlsx itself.
 */
const neutralise = (s: string) => (/^[=+\-@\t\r]/.test(s) && !INTERNATIONAL_NUMBER.test(s) ? `'${s}` : s);
/** "+994501234567" can compute nothing: phone numbers stay as the caller sent them. */
const INTERNATIONAL_NUMBER = /^\+[0-9]{3,20}$/;

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function cellXml(value: XlsxCell, ref: string, style: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  const s = escapeXml(neutralise(String(value)));
  const space = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${s}</t></is></c>`;
}

function rowXml(values: readonly XlsxCell[], r: number, bold: boolean): string {
  const style = bold ? ' s="1"' : '';
  let cells = '';
  for (let i = 0; i < values.length; i++) cells += cellXml(values[i], `${columnName(i)}${r}`, style);
  return `<row r="${r}">${cells}</row>`;
}

function widthsOf(sheet: XlsxSheet): number[] {
  if (sheet.widths) return sheet.widths;
  return sheet.header.map((h, i) => {
    let max = h.length;
    for (const row of sheet.rows.slice(0, 1000)) max = Math.max(max, row[i] === null || row[i] === undefined ? 0 : String(row[i]).length);
    return Math.min(60, Math.max(10, max + 2));
  });
}

function sheetXml(sheet: XlsxSheet): string {
  const cols = widthsOf(sheet)
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(1, Math.min(255, w))}" customWidth="1"/>`)
    .join('');
  const parts: string[] = [rowXml(sheet.header, 1, true)];
  sheet.rows.forEach((row, i) => parts.push(rowXml(row, i + 2, false)));
  return (
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${parts.join('')}</sheetData>` +
    '</worksheet>'
  );
}

function sheetName(name: string | undefined): string {
  const clean = (name ?? 'Sheet1').replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31);
  return escapeXml(clean || 'Sheet1');
}

const workbookXml = (name: string) =>
  XML_HEAD + `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const ROOT_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

const WORKBOOK_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
  '</Relationships>';

/** Style 0: plain; style 1: bold (the header row). */
const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

// ── the zip container (PKWARE APPNOTE 4.3: local headers, central directory, end record) ──

/** 1980-01-01 00:00 in DOS format: a fixed stamp keeps the output a pure function of its input. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;

export function zip(files: { name: string; data: Uint8Array }[], codec: ZipCodec): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const crc = codec.crc32(f.data) >>> 0;
    const packed = codec.deflateRaw(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, Buffer.from(packed.buffer, packed.byteOffset, packed.length));

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(FLAGS, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(f.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: all zero
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
