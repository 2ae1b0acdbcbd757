/**
 * Just enough of a zip and XLSX reader to check what lib/xlsx.ts writes:
 * walks the central directory, inflates each entry, verifies its CRC, and
 * reads the first sheet's cells back (inline strings, numbers, booleans).
 */
import { crc32, inflateRawSync } from 'node:zlib';

export function unzip(buf: Buffer): Map<string, Buffer> {
  const endAt = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('no end of central directory record');
  const count = buf.readUInt16LE(endAt + 10);
  let p = buf.readUInt32LE(endAt + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const packedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const packed = buf.subarray(start, start + packedSize);
    const data = method === 8 ? inflateRawSync(packed) : method === 0 ? Buffer.from(packed) : null;
    if (!data) throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`size mismatch for ${name}`);
    if ((crc32(data) >>> 0) !== crc) throw new Error(`crc mismatch for ${name}`);
    out.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export type Cell = string | number | boolean | null;

/** Rows of the first sheet, header included, as the cells' values (columns by their letters). */
export function readSheetRows(xml: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const [, body] of xml.matchAll(/<row [^>]*>(.*?)<\/row>/gs)) {
    const row: Cell[] = [];
    for (const [, attrs, inner] of body.matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const col = /r="([A-Z]+)\d+"/.exec(attrs)![1];
      const index = [...col].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const type = /t="([^"]+)"/.exec(attrs)?.[1];
      let value: Cell = null;
      if (type === 'inlineStr') value = unescape(/<t[^>]*>(.*?)<\/t>/s.exec(inner ?? '')?.[1] ?? '');
      else if (type === 'b') value = /<v>(.*?)<\/v>/.exec(inner ?? '')?.[1] === '1';
      else if (inner) value = Number(/<v>(.*?)<\/v>/.exec(inner)?.[1]);
      while (row.length < index) row.push(null);
      row[index] = value;
    }
    rows.push(row);
  }
  return rows;
}

export function readXlsx(buf: Buffer): { files: Map<string, Buffer>; rows: Cell[][] } {
  const files = unzip(buf);
  const sheet = files.get('xl/worksheets/sheet1.xml');
  if (!sheet) throw new Error('no xl/worksheets/sheet1.xml');
  return { files, rows: readSheetRows(sheet.toString('utf8')) };
}
