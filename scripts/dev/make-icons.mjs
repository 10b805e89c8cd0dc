// Draws the add-in's ribbon icons (a green ledger page with ruled lines and a tick) as PNGs,
// so the icons are made by code in the project rather than downloaded. Run: node scripts/dev/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size, shade) {
  const S = 4; // supersampling
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const [r, g, b, a] = shade((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size);
          acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a;
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const a = acc[3] / (S * S);
      raw[o] = a ? Math.round(acc[0] / acc[3]) : 0;
      raw[o + 1] = a ? Math.round(acc[1] / acc[3]) : 0;
      raw[o + 2] = a ? Math.round(acc[2] / acc[3]) : 0;
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GREEN = [0x21, 0x73, 0x46];
const WHITE = [0xff, 0xff, 0xff];
const LIGHT = [0xc8, 0xe6, 0xd2];
function ledger(u, v) {
  // rounded square background
  const r = 0.16, m = 0.04;
  const dx = Math.max(m + r - u, 0, u - (1 - m - r));
  const dy = Math.max(m + r - v, 0, v - (1 - m - r));
  if (u < m || u > 1 - m || v < m || v > 1 - m || dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  // white page
  if (u > 0.22 && u < 0.78 && v > 0.16 && v < 0.84) {
    // tick over the lower right
    const d = Math.min(distSeg(u, v, 0.42, 0.62, 0.52, 0.72), distSeg(u, v, 0.52, 0.72, 0.72, 0.44));
    if (d < 0.055) return [...GREEN, 1];
    // ruled lines
    for (const ly of [0.3, 0.42, 0.54]) if (Math.abs(v - ly) < 0.025 && u > 0.3 && u < (ly > 0.5 ? 0.5 : 0.7)) return [...LIGHT, 1];
    return [...WHITE, 1];
  }
  return [...GREEN, 1];
}
function distSeg(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

mkdirSync('addin/assets', { recursive: true });
for (const size of [16, 32, 64, 80, 128]) writeFileSync(`addin/assets/icon-${size}.png`, png(size, ledger));
console.log('icons written to addin/assets/');
