/**
 * The Sertifikat ASI Eksklusif as a PDF: A4 landscape, Indonesian, made on the server with
 * pdf-lib (docs/decisions/010-certificate-pdf.md). The same certificate always gives the same
 * bytes: metadata dates are the issue instant, there are no random ids, and the QR code (the
 * `qrcode` package, as PNG) encodes `<origin>/verifikasi/<code>`.
 */
import 'server-only';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import messages from '@/messages/id.json';
import { formatDate } from '@/lib/format';
import { encodable } from '@/lib/pdf/winansi';
import type { CertificateDocument } from '@/lib/data/certificates';

const T = messages.certificates.pdf;

/** "{name}" placeholders of the message catalogue, filled in. */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

/** The public verification URL of a code. */
export function verificationUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/verifikasi/${code}`;
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const BRAND = rgb(0.06, 0.42, 0.33);
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);
const GOLD = rgb(0.72, 0.55, 0.18);

type Fonts = { regular: PDFFont; bold: PDFFont; serifBold: PDFFont; italic: PDFFont };

/** Draws text centred on x (or left-aligned at x), shrinking it to fit maxWidth. */
function text(
  page: PDFPage,
  font: PDFFont,
  value: string,
  opts: { x: number; y: number; size: number; color?: ReturnType<typeof rgb>; center?: boolean; maxWidth?: number },
) {
  const s = encodable(font, value);
  let size = opts.size;
  if (opts.maxWidth) while (size > 6 && font.widthOfTextAtSize(s, size) > opts.maxWidth) size -= 0.5;
  const w = font.widthOfTextAtSize(s, size);
  page.drawText(s, { x: opts.center ? opts.x - w / 2 : opts.x, y: opts.y, size, font, color: opts.color ?? INK });
}

export async function renderCertificatePdf(doc: CertificateDocument, origin: string): Promise<Uint8Array> {
  const url = verificationUrl(origin, doc.verificationCode);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const issued = doc.issuedAt;
  pdf.setTitle(fill(T.docTitle, { serial: doc.serial }), { showInWindowTitleBar: true });
  pdf.setSubject(T.subject);
  pdf.setAuthor(doc.puskesmasName);
  pdf.setCreator('KEKASIHKU');
  pdf.setProducer('KEKASIHKU (pdf-lib)');
  pdf.setLanguage('id-ID');
  pdf.setKeywords([doc.serial]);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);

  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    serifBold: await pdf.embedFont(StandardFonts.TimesRomanBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
  };
  const page = pdf.addPage(A4_LANDSCAPE);
  const [W, H] = A4_LANDSCAPE;
  const cx = W / 2;

  // Frame.
  page.drawRectangle({ x: 18, y: 18, width: W - 36, height: H - 36, borderColor: BRAND, borderWidth: 4 });
  page.drawRectangle({ x: 28, y: 28, width: W - 56, height: H - 56, borderColor: GOLD, borderWidth: 1.2 });

  // Heading: puskesmas and place.
  text(page, fonts.bold, doc.puskesmasName.toUpperCase(), { x: cx, y: H - 70, size: 15, color: BRAND, center: true, maxWidth: W - 120 });
  const place = fill(T.place, doc.puskesmasPlace);
  text(page, fonts.regular, place, { x: cx, y: H - 88, size: 10.5, color: MUTED, center: true, maxWidth: W - 120 });
  page.drawLine({ start: { x: 120, y: H - 100 }, end: { x: W - 120, y: H - 100 }, thickness: 0.8, color: GOLD });

  text(page, fonts.serifBold, T.title, { x: cx, y: H - 148, size: 34, color: BRAND, center: true, maxWidth: W - 120 });
  text(page, fonts.regular, fill(T.number, { serial: doc.serial }), { x: cx, y: H - 172, size: 12, color: INK, center: true });

  text(page, fonts.italic, T.givenTo, { x: cx, y: H - 212, size: 13, color: MUTED, center: true });
  text(page, fonts.serifBold, doc.motherName, { x: cx, y: H - 250, size: 30, color: INK, center: true, maxWidth: W - 160 });
  const baby = doc.babyName ?? (doc.babySex === 'L' ? T.babyL : T.babyP);
  text(page, fonts.regular, fill(T.motherOf, { baby, birthDate: formatDate(doc.birthDate, 'id') }), {
    x: cx,
    y: H - 280,
    size: 14,
    center: true,
    maxWidth: W - 160,
  });
  text(page, fonts.regular, T.achievement, { x: cx, y: H - 306, size: 14, center: true, maxWidth: W - 160 });
  text(page, fonts.regular, fill(T.until, { sixMonthDate: formatDate(doc.sixMonthDate, 'id') }), { x: cx, y: H - 326, size: 14, center: true });
  text(page, fonts.bold, T.program, { x: cx, y: H - 360, size: 11.5, color: BRAND, center: true, maxWidth: W - 160 });

  // QR code, bottom left.
  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6, color: { dark: '#000000', light: '#ffffff' } });
  const qr = await pdf.embedPng(png);
  const qrSize = 118;
  page.drawImage(qr, { x: 70, y: 70, width: qrSize, height: qrSize });
  text(page, fonts.regular, T.scan, { x: 70, y: 58, size: 8, color: MUTED, maxWidth: 330 });
  text(page, fonts.regular, url, { x: 70, y: 47, size: 7, color: MUTED, maxWidth: 330 });

  // Place, date and signatory, bottom right.
  const rightX = W - 220;
  text(page, fonts.regular, fill(T.placeDate, { place: doc.puskesmasPlace.subdistrict, date: formatDate(doc.issuedOn, 'id') }), {
    x: rightX,
    y: 180,
    size: 11.5,
    center: true,
    maxWidth: 300,
  });
  text(page, fonts.regular, doc.signatory.title ?? T.signatoryFallback, { x: rightX, y: 164, size: 11.5, center: true, maxWidth: 300 });
  const name = doc.signatory.name ?? '';
  if (name) {
    text(page, fonts.bold, name, { x: rightX, y: 96, size: 12, center: true, maxWidth: 300 });
    const w = Math.min(fonts.bold.widthOfTextAtSize(encodable(fonts.bold, name), 12), 300);
    page.drawLine({ start: { x: rightX - w / 2, y: 93 }, end: { x: rightX + w / 2, y: 93 }, thickness: 0.7, color: INK });
  } else {
    page.drawLine({ start: { x: rightX - 100, y: 93 }, end: { x: rightX + 100, y: 93 }, thickness: 0.7, color: INK });
  }
  if (doc.signatory.nip) text(page, fonts.regular, fill(T.nip, { nip: doc.signatory.nip }), { x: rightX, y: 78, size: 11, center: true });

  return pdf.save({ useObjectStreams: false });
}
