import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

const QUIET_ZONE = 4;

/**
 * A QR code as a small SVG (one path, no script, no external reference), rendered on our own
 * server: no third-party request. It encodes the check-in code only, which the admin's
 * check-in screen reads back with the camera.
 *
 * @example
 * const svg = qrSvg('K7P3QX', 'Check-in code K7P3QX');
 */
export function qrSvg(text: string, label: string): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = QUIET_ZONE;
  const full = size + quiet * 2;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(x, y)) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }
  }
  const title = label.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" width="${full * 6}" height="${full * 6}" role="img" aria-label="${title.replaceAll('"', '&quot;')}" shape-rendering="crispEdges"><title>${title}</title><rect width="${full}" height="${full}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The same QR code as a black-and-white PNG (`scale` pixels per module, 1 bit per pixel, a
 * few hundred bytes), for mail: Gmail and Outlook do not draw inline SVG. Encoded here with
 * `node:zlib` (no image library).
 *
 * @example
 * const png = qrPng('K7P3QX'); // 246 × 246 px for a 6-character code
 */
export function qrPng(text: string, scale = 6): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const side = (size + QUIET_ZONE * 2) * scale;
  const rowBytes = Math.ceil(side / 8);
  // Each scanline: filter byte 0 (none), then the pixels, 1 = white (grayscale, 1 bit). One
  // scanline per row of modules, copied `scale` times.
  const stride = rowBytes + 1;
  const pixels = Buffer.alloc(stride * side);
  for (let my = -QUIET_ZONE; my < size + QUIET_ZONE; my++) {
    const first = (my + QUIET_ZONE) * scale * stride;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - QUIET_ZONE;
      const dark = mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(mx, my);
      const at = first + 1 + (x >> 3);
      if (!dark) pixels[at] = (pixels[at] ?? 0) | (0x80 >> (x & 7));
    }
    for (let copy = 1; copy < scale; copy++) {
      pixels.copy(pixels, first + copy * stride, first, first + stride);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth; colour type 0 (grayscale), default compression, filter, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
