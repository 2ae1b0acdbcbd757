// Draws the EdgeCall app icons as real PNG files with no dependency (node:zlib
// only), so the manifest's icons exist offline and in the precache without a
// design tool in the build. Run: `npm run icons -w @edgecall/pwa`; the output
// in public/icons/ is committed.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

const TEAL = [11, 93, 107];
const WHITE = [255, 255, 255];
const AMBER = [244, 162, 89];

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  // Each scanline starts with filter type 0 (none); zlib does the compressing.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Colour of one sample point (unit square coordinates), or null for transparent. */
function sample(x, y, { maskable }) {
  // Maskable icons may be cropped to a circle of 80 % diameter: keep the mark inside it.
  const scale = maskable ? 0.8 : 1;
  const inBackground = maskable ? true : roundedSquare(x, y, 0.04, 0.22);
  if (!inBackground) return null;
  const u = (x - 0.5) / scale;
  const v = (y - 0.5) / scale;
  const r = Math.hypot(u, v);
  const angle = Math.atan2(v, u); // 0 points right
  const gap = Math.abs(angle) < (40 * Math.PI) / 180;
  // A "C" ring open to the right, a dot in its centre and one signal arc: a call leaving the branch.
  if (r < 0.085) return AMBER;
  if (r > 0.2 && r < 0.3 && !gap) return WHITE;
  if (r > 0.36 && r < 0.42 && Math.abs(angle) < (32 * Math.PI) / 180) return WHITE;
  return TEAL;
}

function roundedSquare(x, y, inset, radius) {
  const lo = inset;
  const hi = 1 - inset;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return Math.hypot(x - cx, y - cy) <= radius;
}

function draw(size, opts) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4; // 4×4 supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = sample((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size, opts);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 1;
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
      }
      px[i + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return encodePng(size, px);
}

mkdirSync(OUT, { recursive: true });
const files = [
  ['icon-192.png', 192, { maskable: false }],
  ['icon-512.png', 512, { maskable: false }],
  ['icon-maskable-512.png', 512, { maskable: true }],
];
for (const [name, size, opts] of files) {
  const png = draw(size, opts);
  writeFileSync(join(OUT, name), png);
  process.stdout.write(`${name}: ${size}×${size}, ${png.length} bytes\n`);
}
