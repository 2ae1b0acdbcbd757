import { crc32, deflateRawSync } from 'node:zlib';
import type { ZipCodec } from '../../lib/xlsx.ts';

/** node:zlib behind lib/xlsx.ts's codec, so lib stays free of node:* (DESIGN.md §3). */
export const zlibCodec: ZipCodec = {
  deflateRaw: (data) => deflateRawSync(data),
  crc32: (data) => crc32(data),
};
