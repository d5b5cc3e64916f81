/** The QR image embedded in a certificate PDF, decoded with jsQR (pdf-lib stores it as a Flate RGB image). */
import zlib from 'node:zlib';
import jsQR from 'jsqr';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';

export async function qrOf(pdfBytes: Uint8Array): Promise<string | null> {
  const pdf = await PDFDocument.load(pdfBytes);
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    const dict = obj.dict;
    if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    if (dict.get(PDFName.of('ColorSpace')) !== PDFName.of('DeviceRGB')) continue;
    const width = (dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    const height = (dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
    const raw = zlib.inflateSync(Buffer.from(obj.contents));
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let p = 0; p < width * height; p++) {
      rgba[p * 4] = raw[p * 3]!;
      rgba[p * 4 + 1] = raw[p * 3 + 1]!;
      rgba[p * 4 + 2] = raw[p * 3 + 2]!;
      rgba[p * 4 + 3] = 255;
    }
    const code = jsQR(rgba, width, height);
    if (code) return code.data;
  }
  return null;
}
