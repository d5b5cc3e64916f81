/**
 * "Data saya" as a printable PDF (issue #30): the same sections as the page, as plain lines on
 * A4 pages with pdf-lib (already used for certificates, decision 010), in Indonesian. Standard
 * fonts: text is reduced to WinAnsi as the certificate does.
 */
import 'server-only';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import messages from '@/messages/id.json';
import type { DataCopy } from '@/lib/data/data-rights';
import { formatDate } from '@/lib/format';
import { formatPhoneDisplay } from '@/lib/domain';
import { encodable } from '@/lib/pdf/winansi';

const M = messages as unknown as Record<string, Record<string, unknown>>;
const T = messages.dataRights;
const label = (ns: string, code: string): string => {
  const parts = ns.split('.');
  let o: unknown = M;
  for (const p of parts) o = (o as Record<string, unknown> | undefined)?.[p];
  const v = (o as Record<string, unknown> | undefined)?.[code];
  return typeof v === 'string' ? v : code;
};
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private pdf: PDFDocument,
    private fonts: { regular: PDFFont; bold: PDFFont },
  ) {
    this.newPage();
  }
  newPage() {
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  line(text: string, opts: { bold?: boolean; size?: number; indent?: number; gap?: number } = {}) {
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const size = opts.size ?? 10;
    const x = MARGIN + (opts.indent ?? 0);
    const width = A4[0] - MARGIN - x;
    for (const para of encodable(font, text.replace(/[\r\t]/g, ' ')).split('\n')) {
      const words = para.split(/\s+/);
      let cur = '';
      const flush = () => {
        if (this.y < MARGIN + size) this.newPage();
        this.page.drawText(cur, { x, y: this.y, size, font, color: rgb(0.1, 0.1, 0.1) });
        this.y -= size * 1.4;
        cur = '';
      };
      for (const w of words) {
        const next = cur ? `${cur} ${w}` : w;
        if (font.widthOfTextAtSize(next, size) > width && cur) {
          flush();
          cur = w;
        } else cur = next;
      }
      flush();
    }
    this.y -= opts.gap ?? 0;
  }
}

export async function renderDataCopyPdf(copy: DataCopy): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(`${T.title} - ${copy.puskesmas}`);
  pdf.setCreator('KEKASIHKU');
  pdf.setProducer('KEKASIHKU (pdf-lib)');
  pdf.setLanguage('id-ID');
  const w = new Writer(pdf, { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) });
  const d = (iso: string | null | undefined) => (iso ? formatDate(iso, 'id') : T.none);
  const yn = (v: boolean | null | undefined) => (v == null ? T.none : v ? T.yes : T.no);
  const list = (ns: string, codes: readonly string[]) => (codes.length ? codes.map((c) => label(ns, c)).join(', ') : T.none);
  const kv = (k: string, v: string) => w.line(`${k}: ${v}`, { indent: 8 });
  const m = copy.mother;

  w.line(`KEKASIHKU · ${copy.puskesmas}`, { bold: true, size: 14 });
  w.line(`${T.title} · ${d(copy.generatedOn)}`, { bold: true, size: 12, gap: 4 });
  w.line(T.nothingElse, { size: 9, gap: 8 });

  w.line(T.profile, { bold: true, size: 12 });
  kv(T.name, m.name);
  kv(T.phone, m.phone ? formatPhoneDisplay(m.phone) : T.none);
  kv(T.nik, m.nik ?? T.none);
  kv(T.address, m.address ?? T.none);
  kv(T.rtRw, m.rt || m.rw ? `${m.rt ?? '-'}/${m.rw ?? '-'}` : T.none);
  kv(T.village, m.village);
  kv(T.posyandu, m.posyandu);
  kv(T.registeredOn, d(m.registeredOn));
  kv(T.consent, fill(T.consentText, { date: d(m.consentOn), version: m.consentTextVersion }));
  kv(T.login, copy.login ? formatPhoneDisplay(copy.login.phone) : T.none);
  w.y -= 8;

  for (const b of copy.babies) {
    w.line(`${T.babies}: ${b.name ?? label('sex', b.sex)}`, { bold: true, size: 12 });
    kv(T.sex, label('sex', b.sex));
    kv(T.birthDate, d(b.birthDate));
    kv(T.birthWeight, b.birthWeightGrams ? fill(T.grams, { n: b.birthWeightGrams }) : T.none);
    kv(T.birthPlace, b.birthPlace ?? T.none);
    kv(T.imd, yn(b.earlyInitiation));
    kv(T.sixMonthDate, d(b.sixMonthDate));
    kv(T.status, label('status', b.status));
    if (b.exit) kv(T.exit, `${d(b.exit.date)} · ${label('motherAdmin.reasons', b.exit.reason ?? '')}${b.exit.note ? ` · ${b.exit.note}` : ''}`);
    for (const c of b.certificates)
      kv(
        T.certificates,
        `${fill(T.certificateLine, { serial: c.serial, date: d(c.issuedOn) })}${c.revokedOn ? `, ${fill(T.certificateRevoked, { date: d(c.revokedOn) })}` : ''}`,
      );
    for (const k of b.knowledgeChecks) kv(T.knowledge, fill(T.knowledgeLine, { date: d(k.takenOn), score: k.score, total: k.total }));
    w.line(fill(T.visits, { n: b.visits.length }), { bold: true, indent: 8 });
    for (const v of b.visits) {
      w.line(fill(T.visitBy, { date: d(v.visitDate), kader: v.kader }), { bold: true, indent: 16 });
      const sub = (k: string, val: string) => w.line(`${k}: ${val}`, { indent: 24, size: 9 });
      sub(T.breastfed, yn(v.breastfed));
      sub(T.recallItems, `${list('recallItem', v.recallItems)}${v.recallOtherText ? ` (${v.recallOtherText})` : ''}`);
      sub(
        T.sinceLast,
        `${yn(v.givenSinceLast)}${v.givenSinceLastDate ? ` · ${d(v.givenSinceLastDate)}` : ''}${v.breakReason ? ` · ${label('breakReason', v.breakReason)}` : ''}`,
      );
      if (v.confirmedExclusive != null) sub(T.confirmed, yn(v.confirmedExclusive));
      if (v.problems.length) sub(T.problems, list('problem', v.problems));
      if (v.dangerSigns.length) sub(T.dangerSigns, list('danger', v.dangerSigns));
      if (v.referral) sub(T.referral, `${v.referralReason ?? T.yes}${v.referralOutcome ? ` · ${T.referralOutcome}: ${v.referralOutcome}` : ''}`);
      if (v.counselling.length) sub(T.counselling, list('counsel', v.counselling));
      if (v.weightGrams) sub(T.weight, fill(T.grams, { n: v.weightGrams }));
      if (v.notes) sub(T.notes, v.notes);
    }
    w.y -= 8;
  }

  w.line(T.sessions, { bold: true, size: 12 });
  if (!copy.sessions.length) w.line(T.noSessions, { indent: 8 });
  for (const s of copy.sessions) w.line(`${d(s.date)} · ${s.title} · ${s.place} · ${label('sessions.attendance', s.status)}`, { indent: 8 });
  w.y -= 8;
  w.line(T.knowledge, { bold: true, size: 12 });
  const checks = [...copy.knowledgeChecks, ...copy.babies.flatMap((b) => b.knowledgeChecks)];
  if (!checks.length) w.line(T.noKnowledge, { indent: 8 });
  for (const k of checks) w.line(fill(T.knowledgeLine, { date: d(k.takenOn), score: k.score, total: k.total }), { indent: 8 });
  w.y -= 8;
  w.line(T.forum, { bold: true, size: 12 });
  if (!copy.forum.posts.length && !copy.forum.replies.length) w.line(T.noForum, { indent: 8 });
  for (const p of copy.forum.posts) {
    w.line(`${d(p.postedOn)} · ${p.title}${p.anonymous ? ` (${T.anonymous})` : ''}`, { bold: true, indent: 8 });
    w.line(p.body, { indent: 16, size: 9 });
  }
  for (const r of copy.forum.replies) {
    w.line(`${d(r.postedOn)}`, { bold: true, indent: 8 });
    w.line(r.body, { indent: 16, size: 9 });
  }
  w.y -= 8;
  w.line(T.requests, { bold: true, size: 12 });
  if (!copy.correctionRequests.length) w.line(T.noRequests, { indent: 8 });
  for (const r of copy.correctionRequests) {
    w.line(`${fill(T.askedOn, { date: d(r.askedOn) })} · ${r.status === 'open' ? T.requestOpen : T.requestClosed}`, { bold: true, indent: 8 });
    w.line(r.body, { indent: 16, size: 9 });
    if (r.closeNote) w.line(`${fill(T.closedOn, { date: d(r.closedOn) })}: ${r.closeNote}`, { indent: 16, size: 9 });
  }
  return pdf.save();
}
