#!/usr/bin/env node
/*
 * Draws the add-in's icons (assets/icon-*.png, assets/logo-filled.png): a green rounded
 * square with three white rising bars and a white check mark.
 *
 *   node scripts/make-icons.js
 *
 * Pure Node (zlib for the PNG stream): no native modules, no network. The shapes are
 * defined on a unit square and sampled 8×8 times per pixel, so every size is antialiased
 * from the same drawing. The 16 px icon drops the check mark, which would not read there.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const GREEN = [0x10, 0x7c, 0x41]; // Excel's brand green
const WHITE = [0xff, 0xff, 0xff];
const SUBSAMPLES = 8;

const ICONS = [
  { file: "icon-16.png", size: 16, check: false },
  { file: "icon-32.png", size: 32, check: true },
  { file: "icon-64.png", size: 64, check: true },
  { file: "icon-80.png", size: 80, check: true },
  { file: "icon-128.png", size: 128, check: true },
  { file: "logo-filled.png", size: 256, check: true },
];

/** Rounded square covering the unit square, corner radius r. */
function insideRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * Three bars standing on one baseline, rising left to right. Their edges are snapped to
 * the pixel grid of the size being drawn, so they stay crisp down to 16 px.
 */
function barsFor(size) {
  const snap = (v) => Math.round(v * size) / size;
  const bottom = snap(0.8);
  return [
    { left: 0.2, right: 0.34, top: 0.58 },
    { left: 0.43, right: 0.57, top: 0.44 },
    { left: 0.66, right: 0.8, top: 0.26 },
  ].map((b) => ({ left: snap(b.left), right: snap(b.right), top: snap(b.top), bottom }));
}

function insideBars(bars, x, y) {
  return bars.some((b) => x >= b.left && x < b.right && y >= b.top && y < b.bottom);
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** A check mark above the two short bars, with round ends. */
function insideCheck(x, y) {
  const a = [0.17, 0.3];
  const b = [0.27, 0.4];
  const c = [0.47, 0.18];
  const halfWidth = 0.045;
  return distanceToSegment(x, y, a, b) <= halfWidth || distanceToSegment(x, y, b, c) <= halfWidth;
}

/** RGBA pixels, row-major. */
function draw(size, withCheck) {
  const pixels = Buffer.alloc(size * size * 4);
  const radius = 0.2;
  const bars = barsFor(size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let foreground = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          if (!insideRoundedSquare(x, y, radius)) continue;
          background++;
          if (insideBars(bars, x, y) || (withCheck && insideCheck(x, y))) foreground++;
        }
      }
      const samples = SUBSAMPLES * SUBSAMPLES;
      const alpha = background / samples;
      // Colour of the covered part: green blended with white by the white share of it.
      const white = background === 0 ? 0 : foreground / background;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        pixels[offset + c] = Math.round(GREEN[c] * (1 - white) + WHITE[c] * white);
      }
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG, no interlace, filter 0 on every row. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0;
    pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const assets = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(assets, { recursive: true });
  for (const icon of ICONS) {
    const png = encodePng(icon.size, draw(icon.size, icon.check));
    fs.writeFileSync(path.join(assets, icon.file), png);
    console.log(`assets/${icon.file}  ${icon.size}×${icon.size}  ${png.length} bytes`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, draw };
