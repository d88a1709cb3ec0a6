import QRCode from 'qrcode';

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
  const quiet = 4;
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
