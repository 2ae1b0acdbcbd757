import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { readXlsx } from '../../test/support/xlsx-reader.ts';
import { buildXlsx, columnName, XLSX_CONTENT_TYPE, type ZipCodec } from './xlsx.ts';

/** What main.ts hands in (adapters/system/zip-codec.ts); lib may not import adapters, even in tests. */
const zlibCodec: ZipCodec = { deflateRaw: (d) => deflateRawSync(d), crc32: (d) => crc32(d) };

const sheet = {
  name: 'Calls: missed/[today]',
  header: ['id', 'number', 'seconds', 'answered', 'note'],
  rows: [
    ['c1', '+994501234567', 12.5, true, 'Ağ şəhər <b>&"quotes"'],
    ['c2', '0501234567', 0, false, '=HYPERLINK("http://evil")'],
    ['c3', null, null, null, '  padded\nline\u0001'],
    ['c4', '@SUM(A1)', -3, undefined, '-2+3'],
  ],
};

test('a zip whose parts inflate, with the content types and relationships Excel needs', () => {
  const { files } = readXlsx(buildXlsx(sheet, zlibCodec));
  assert.equal([...files.keys()].sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  const types = files.get('[Content_Types].xml')!.toString();
  assert.match(types, 'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"');
  assert.match(types, 'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"');
  assert.match(types, 'PartName="/xl/styles.xml"');
  assert.match(files.get('_rels/.rels')!.toString(), 'Target="xl/workbook.xml"');
  assert.match(files.get('xl/_rels/workbook.xml.rels')!.toString(), 'Target="worksheets/sheet1.xml"');
  // Characters Excel refuses in a tab name are replaced.
  assert.match(files.get('xl/workbook.xml')!.toString(), '<sheet name="Calls  missed  today" sheetId="1" r:id="rId1"/>');
  assert.is(XLSX_CONTENT_TYPE, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});

test('cells: escaped text, numbers as numbers, booleans, bold header, widths, formulas neutralised', () => {
  const { files, rows } = readXlsx(buildXlsx(sheet, zlibCodec));
  const xml = files.get('xl/worksheets/sheet1.xml')!.toString();
  assert.equal(rows[0], sheet.header);
  // A phone number computes nothing and stays as it is; formula-like text gets its quote.
  assert.equal(rows[1], ['c1', '+994501234567', 12.5, true, 'Ağ şəhər <b>&"quotes"']);
  assert.equal(rows[2], ['c2', '0501234567', 0, false, `'=HYPERLINK("http://evil")`]);
  // Empty cells are left out; control characters XML cannot carry are dropped.
  assert.equal(rows[3], ['c3', null, null, null, '  padded\nline']);
  assert.equal(rows[4], ['c4', "'@SUM(A1)", -3, null, "'-2+3"]);
  assert.match(xml, '<c r="A1" s="1" t="inlineStr">');
  assert.match(xml, '<c r="C2"><v>12.5</v></c>');
  assert.match(xml, '<t xml:space="preserve">  padded');
  assert.match(xml, /<col min="5" max="5" width="\d+" customWidth="1"\/>/);
  assert.match(xml, 'state="frozen"');
  assert.not.match(xml, '<b>&');
  assert.match(files.get('xl/styles.xml')!.toString(), '<font><b/>');
});

test('an independent reader (exceljs) opens the file and sees the same values', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buildXlsx(sheet, zlibCodec) as any);
  const ws = wb.worksheets[0];
  assert.is(ws.rowCount, 5);
  assert.equal(ws.getRow(1).values, [undefined, ...sheet.header]);
  assert.is(ws.getCell('E2').value, 'Ağ şəhər <b>&"quotes"');
  assert.is(ws.getCell('C2').value, 12.5);
  assert.is(ws.getCell('D3').value, false);
  assert.ok(ws.getRow(1).font?.bold || ws.getCell('A1').font?.bold, 'header is bold');
});

test('column names run A..Z, AA..', () => {
  assert.equal([0, 25, 26, 51, 52, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
});

test('no rows is still a valid workbook; the same input gives the same bytes', () => {
  const empty = buildXlsx({ header: ['a'], rows: [] }, zlibCodec);
  assert.equal(readXlsx(empty).rows, [['a']]);
  assert.ok(buildXlsx(sheet, zlibCodec).equals(buildXlsx(sheet, zlibCodec)));
});

test.run();
