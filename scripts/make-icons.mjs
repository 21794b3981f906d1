#!/usr/bin/env node
/**
 * Writes the PWA's PNG icons (a rising line on the brand blue) with no image library: a tiny rasteriser plus
 * zlib. Run once after changing the design: `node scripts/make-icons.mjs`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [29, 78, 216];
const WHITE = [255, 255, 255];
const POINTS = [
	[5, 22],
	[12, 15],
	[17, 19],
	[27, 8]
]; // on a 32-unit grid, as in favicon.svg

function crc32(buf) {
	let c;
	const table = [];
	for (let n = 0; n < 256; n++) {
		c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	let crc = 0xffffffff;
	for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

function distToSegment(px, py, [ax, ay], [bx, by]) {
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function icon(size, maskable) {
	// Maskable icons keep their content inside the central 80% safe zone.
	const scale = maskable ? 0.7 : 1;
	const raw = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			const u = (((x + 0.5) / size - 0.5) / scale) * 32 + 16;
			const v = (((y + 0.5) / size - 0.5) / scale) * 32 + 16;
			let d = Infinity;
			for (let i = 0; i + 1 < POINTS.length; i++)
				d = Math.min(d, distToSegment(u, v, POINTS[i], POINTS[i + 1]));
			const a = Math.max(0, Math.min(1, 1.5 - d)); // stroke half-width 1.5 units, 1 unit of anti-aliasing
			const rgb = BLUE.map((b, i) => Math.round(b + (WHITE[i] - b) * a));
			const o = y * (size * 4 + 1) + 1 + x * 4;
			raw[o] = rgb[0];
			raw[o + 1] = rgb[1];
			raw[o + 2] = rgb[2];
			raw[o + 3] = 255;
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8;
	ihdr[9] = 6;
	return Buffer.concat([
		Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

writeFileSync('static/icon-192.png', icon(192, false));
writeFileSync('static/icon-512.png', icon(512, false));
writeFileSync('static/icon-maskable-512.png', icon(512, true));
console.log('wrote static/icon-192.png, icon-512.png, icon-maskable-512.png');
