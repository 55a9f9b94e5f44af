// Draws the app icons into public/icons/ (run once; the PNGs are committed):
//   npx tsx scripts/make-icons.ts
// The picture is the course example itself: three Gaussian blobs (Okabe-Ito colours) on a dark
// square. PNGs are written by hand (zlib + CRC) so no image library is needed for four files.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { deflateSync } from "node:zlib";

const OUT = resolve(import.meta.dirname, "../public/icons");
const BG = [31, 41, 55];
/** Blob centres and radii as fractions of the icon (the tutorial mixture's layout, roughly). */
const BLOBS = [
  { x: 0.5, y: 0.66, r: 0.16, c: [230, 159, 0] },
  { x: 0.72, y: 0.34, r: 0.15, c: [86, 180, 233] },
  { x: 0.28, y: 0.38, r: 0.14, c: [0, 158, 115] },
];

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** size x size RGBA; `inset` shrinks the drawing (maskable icons keep a safe zone). */
function icon(size: number, inset: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const u = ((x + 0.5) / size - 0.5) / (1 - 2 * inset) + 0.5;
      const v = ((y + 0.5) / size - 0.5) / (1 - 2 * inset) + 0.5;
      let col = [...BG];
      for (const b of BLOBS) {
        const d2 = ((u - b.x) ** 2 + (v - b.y) ** 2) / (b.r * b.r);
        const a = Math.min(1, 1.4 * Math.exp(-d2));
        col = col.map((c, i) => c * (1 - a) + b.c[i] * a);
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = Math.round(col[0]);
      raw[o + 1] = Math.round(col[1]);
      raw[o + 2] = Math.round(col[2]);
      raw[o + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
<defs>${BLOBS.map(
  (b, i) =>
    `<radialGradient id="g${i}"><stop offset="0" stop-color="rgb(${b.c})"/><stop offset="1" stop-color="rgb(${b.c})" stop-opacity="0"/></radialGradient>`,
).join("")}</defs>
<rect width="100" height="100" rx="18" fill="rgb(${BG})"/>
${BLOBS.map((b, i) => `<circle cx="${b.x * 100}" cy="${b.y * 100}" r="${b.r * 230}" fill="url(#g${i})"/>`).join("\n")}
</svg>
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "icon-192.png"), icon(192, 0));
writeFileSync(join(OUT, "icon-512.png"), icon(512, 0));
writeFileSync(join(OUT, "icon-maskable-512.png"), icon(512, 0.1));
writeFileSync(join(OUT, "icon.svg"), svg);
console.log(`icons written to ${OUT}`);
