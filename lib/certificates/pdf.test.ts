/**
 * What a screen reader and a PDF reader get from the certificate without tags (issue #29
 * point 5, decision 010): a document title shown in the window's title bar, the language id-ID,
 * subject, author and keywords, and text that is real text (extractable).
 */
import { describe, expect, it } from 'vitest';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { CertificateDocument } from '@/lib/data/certificates';
import { renderCertificatePdf } from './pdf';

const doc: CertificateDocument = {
  id: '5b0c6a43-9c5e-4d8e-9a49-0c6b0d6f0a11',
  serial: 'KEKASIHKU/BJN/2026/7',
  verificationCode: 'abcdefghijklmnopqrstuvwxyz234567',
  issuedOn: '2026-11-20',
  issuedAt: new Date('2026-11-20T03:00:00Z'),
  revoked: false,
  puskesmasId: '5b0c6a43-9c5e-4d8e-9a49-0c6b0d6f0a12',
  puskesmasName: 'Puskesmas Bojong Nangka',
  puskesmasPlace: { subdistrict: 'Gunung Putri', district: 'Kabupaten Bogor', province: 'Jawa Barat' },
  villageName: 'Bojong Nangka',
  motherName: 'Dewi Lestari',
  babyName: 'Aisyah',
  babySex: 'P',
  birthDate: '2026-05-10',
  sixMonthDate: '2026-11-10',
  signatory: { name: 'dr. Siti Rahmawati', nip: null, title: 'Kepala Puskesmas' },
};

describe('the certificate PDF for its readers', () => {
  it('has a title shown in the title bar, language id-ID, subject, author and keywords', async () => {
    const bytes = await renderCertificatePdf(doc, 'https://kekasihku.bojong.go.id');
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('Sertifikat ASI Eksklusif KEKASIHKU/BJN/2026/7');
    expect(pdf.getSubject()).toBe('Sertifikat ASI Eksklusif');
    expect(pdf.getAuthor()).toBe('Puskesmas Bojong Nangka');
    expect(pdf.getKeywords()).toContain('KEKASIHKU/BJN/2026/7');
    const lang = pdf.catalog.get(PDFName.of('Lang'));
    expect(lang instanceof PDFString ? lang.decodeText() : String(lang)).toBe('id-ID');
    const prefs = pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(String(prefs.get(PDFName.of('DisplayDocTitle')))).toBe('true');
  });

  it('its words are text a reader can extract (not an image)', async () => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const bytes = await renderCertificatePdf(doc, 'https://kekasihku.bojong.go.id');
    const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
    const page = await pdf.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    for (const words of ['PUSKESMAS BOJONG NANGKA', 'SERTIFIKAT', 'Dewi Lestari', 'KEKASIHKU/BJN/2026/7']) expect(text, words).toContain(words);
  });
});
