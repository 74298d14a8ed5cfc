import QRCode from 'qrcode';

/** The preview link as a QR code (SVG markup), so a designer can open it on a phone by pointing the camera. */
export function qrSvg(url: string): Promise<string> {
  // Medium error correction and a quiet zone of 2 modules: reliable on a laptop screen.
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
