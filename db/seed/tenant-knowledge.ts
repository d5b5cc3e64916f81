/**
 * Knowledge in the demo (issue #28 point 7): lessons the kader went through on visits (from the
 * counselling topics the visits already record), lessons of the group sessions, baseline checks at
 * first visits and endline checks from the 5-month date with a plausible spread (knowledge rising
 * for most; mothers whose babies stayed exclusively breastfed knew more to begin with, but not
 * always), a mother's own checks, and for Bojong Nangka a lesson of its own (published), a draft
 * and one built-in lesson marked reviewed.
 *
 * Runs after every other step of a puskesmas and draws only from its own generators (values and
 * ids), so every row the other steps made stays what it was. Scores come from
 * lib/domain scoreKnowledge, so the stored score is the rule's.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, compareIsoDates, fiveMonthDate, KNOWLEDGE_STATEMENTS, scoreKnowledge, type KnowledgeStatementId } from '../../lib/domain';
import { lessonVersionHash } from '../../lib/lessons/version';
import { Rng } from './random';
import type { BuiltBaby, BuiltMother, TenantBuilder } from './tenant';
import { plusMinutes, zoned } from './time';

/** Built-in lessons that answer each counselling topic (content/lessons front matter says the same). */
const TOPIC_LESSONS: Record<string, readonly string[]> = {
  exclusive_bf: ['tanpa-air-madu-pisang', 'imd-dan-kolostrum'],
  positioning_attachment: ['pelekatan-ambida'],
  feeding_frequency: ['menyusu-sesuai-keinginan-bayi', 'lonjakan-pertumbuhan', 'tanda-cukup-asi'],
  breast_care: ['payudara-bengkak-mastitis'],
  expressing_storing: ['memerah-menyimpan-asi'],
  back_to_work: ['memerah-menyimpan-asi'],
  family_support: ['untuk-ayah', 'untuk-nenek'],
  danger_signs: ['tanda-bahaya-bayi-baru-lahir'],
  mother_nutrition: ['makan-minum-ibu'],
  complementary_food: ['mp-asi-di-6-bulan'],
};

/** A group session's lessons by its topic (null: the free topic, breastfeeding when the baby is ill). */
const SESSION_LESSONS: Record<string, readonly string[]> = {
  ten_steps: ['imd-dan-kolostrum', 'tanpa-air-madu-pisang'],
  positioning_attachment: ['pelekatan-ambida', 'tanda-cukup-asi'],
  expressing_storing: ['memerah-menyimpan-asi'],
  back_to_work: ['memerah-menyimpan-asi'],
  breast_problems: ['payudara-bengkak-mastitis'],
  family_support: ['untuk-ayah', 'untuk-nenek'],
  complementary_food: ['mp-asi-di-6-bulan'],
  free: ['menyusui-saat-sakit'],
};

/** How often each statement is answered right before counselling: the misbeliefs that persist have low weights. */
const EASE: Record<KnowledgeStatementId, number> = {
  only_breast_milk_six_months: 0.9,
  water_in_hot_weather: 0.3,
  colostrum_discard: 0.7,
  honey_newborn: 0.45,
  more_suckling_more_milk: 0.6,
  fussy_means_low_milk: 0.3,
  wet_nappies_enough: 0.5,
  night_feeds: 0.8,
  expressed_milk_four_hours: 0.25,
  porridge_before_six_months: 0.5,
};

const TOTAL = KNOWLEDGE_STATEMENTS.length;
const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** `n` statements chosen to be right, the easy ones more often, keeping `keep` (already right) where possible. */
function rightStatements(rng: Rng, n: number, keep: readonly KnowledgeStatementId[] = []): Set<KnowledgeStatementId> {
  const out = new Set<KnowledgeStatementId>(rng.shuffle(keep).slice(0, n));
  while (out.size < n) {
    const left = KNOWLEDGE_STATEMENTS.filter((s) => !out.has(s.id));
    out.add(rng.weighted(left.map((s) => [s.id, EASE[s.id]] as const)));
  }
  return out;
}

function answersFor(rng: Rng, right: Set<KnowledgeStatementId>): Record<string, string> {
  return Object.fromEntries(
    KNOWLEDGE_STATEMENTS.map((s) => [s.id, right.has(s.id) ? s.correct : rng.chance(0.6) ? (s.correct === 'true' ? 'false' : 'true') : 'dont_know']),
  );
}

/** The built-in lesson's version hash, as lib/lessons/library.ts has it (null when the files are not there). */
function builtinHash(slug: string): string | null {
  const folder = path.join(process.cwd(), 'content', 'lessons');
  const id = path.join(folder, `${slug}.id.md`);
  const en = path.join(folder, `${slug}.en.md`);
  if (!existsSync(id) || !existsSync(en)) return null;
  return lessonVersionHash(readFileSync(id, 'utf8'), readFileSync(en, 'utf8'));
}

export function seedKnowledge(tenant: TenantBuilder, opts: { ownLessons: boolean; selfChecks: readonly string[] }) {
  const rng = new Rng(`kekasihku-knowledge:${tenant.def.code}:${tenant.today}`);
  const ids = new Rng(`kekasihku-knowledge-ids:${tenant.def.code}:${tenant.today}`);
  const { data, today } = tenant;
  const visitsOf = new Map<string, (typeof data.visits)[number][]>();
  for (const v of data.visits) if (v.puskesmasId === tenant.puskesmasId) visitsOf.set(v.babyId, [...(visitsOf.get(v.babyId) ?? []), v]);

  // Lessons gone through on visits: from the visit's counselling topics, one or two, most visits.
  for (const list of visitsOf.values())
    for (const v of list) {
      const candidates = [...new Set((v.counselling ?? []).flatMap((t) => TOPIC_LESSONS[t] ?? []))];
      if (candidates.length === 0 || rng.chance(0.15)) continue;
      v.lessons = rng.sample(candidates, Math.min(candidates.length, rng.chance(0.4) ? 2 : 1));
    }

  // The group sessions' lessons, by topic.
  for (const s of data.groupSessions) if (s.puskesmasId === tenant.puskesmasId) s.lessons = [...(SESSION_LESSONS[s.topic ?? 'free'] ?? [])];

  // Baseline and endline checks.
  const add = (m: BuiltMother, b: BuiltBaby | null, visit: { id?: string; visitDate: string } | null, takenOn: string, right: Set<KnowledgeStatementId>, by: string) => {
    const answers = answersFor(rng, right);
    const s = scoreKnowledge(answers);
    data.knowledgeChecks.push({
      id: ids.uuid(),
      puskesmasId: tenant.puskesmasId,
      motherId: m.id,
      babyId: b?.id ?? null,
      visitId: visit?.id ?? null,
      source: b ? 'kader' : 'self',
      takenOn,
      answers,
      score: s.score,
      total: s.total,
      correct: s.correct,
      recordedBy: by,
      createdAt: plusMinutes(zoned(takenOn, 10), rng.int(0, 300)),
    });
    return s;
  };
  for (const m of tenant.mothers) {
    const kaderId = tenant.kaders.get(m.kaderKey)!.id;
    for (const b of m.babies) {
      const vs = [...(visitsOf.get(b.id) ?? [])].sort((x, y) => compareIsoDates(x.visitDate, y.visitDate));
      const first = vs[0];
      if (!first) continue;
      // Mothers whose babies stayed exclusively breastfed knew a little more to begin with.
      const kept = b.status === 'ongoing' || b.status === 'graduated';
      const broken = b.status === 'broken';
      let baseline: Set<KnowledgeStatementId> | null = null;
      if (rng.chance(0.88)) {
        const n = clamp(Math.round(rng.normal(kept ? 6.6 : broken ? 4.9 : 5.6, 1.7)), 1, TOTAL);
        baseline = rightStatements(rng, n);
        add(m, b, first, first.visitDate, baseline, kaderId);
      }
      const five = fiveMonthDate(b.birth);
      const late = vs.find((v) => v !== first && compareIsoDates(v.visitDate, five) >= 0 && compareIsoDates(v.visitDate, today) <= 0);
      if (late && rng.chance(0.85)) {
        const rise = rng.weighted([
          [-1, 7],
          [0, 15],
          [1, 25],
          [2, 28],
          [3, 18],
          [4, 7],
        ] as const);
        const from = baseline ? baseline.size : clamp(Math.round(rng.normal(5.5, 1.8)), 1, TOTAL);
        const n = clamp(from + rise - (broken && rng.chance(0.3) ? 1 : 0), 0, TOTAL);
        add(m, b, late, late.visitDate, rightStatements(rng, n, baseline ? [...baseline] : []), kaderId);
      }
    }
  }

  // A mother's own checks on /ibu (never baseline or endline).
  for (const key of opts.selfChecks) {
    const m = tenant.mothers.find((x) => x.key === key);
    if (!m?.userId) continue;
    add(m, null, null, addDays(today, -rng.int(3, 20)), rightStatements(rng, rng.int(6, 9)), m.userId);
  }

  if (!opts.ownLessons) return;
  const bidan = tenant.staff.get('bidan') ?? [...tenant.staff.values()][0]!;
  const gizi = tenant.staff.get('gizi') ?? bidan;
  const published = zoned(addDays(today, -40), 9);
  data.lessons.push(
    {
      id: ids.uuid(),
      puskesmasId: tenant.puskesmasId,
      slug: 'klinik-laktasi-bojong-nangka',
      title: 'Konsultasi menyusui di Puskesmas Bojong Nangka',
      summary: 'Ke mana ibu datang bila menyusui terasa sulit: jadwal konsultasi laktasi dan kapan harus datang hari itu juga.',
      body: [
        'Menyusui kadang terasa sulit, terutama di minggu-minggu pertama. Ibu tidak perlu menunggu sampai masalahnya berat.',
        '',
        '## Konsultasi laktasi',
        '',
        'Bidan koordinator KP-ASI melayani konsultasi menyusui di ruang KIA Puskesmas Bojong Nangka setiap **Selasa dan Kamis, pukul 08.00–11.00**. Bawa Buku KIA. Suami atau nenek boleh ikut.',
        '',
        'Kader posyandu juga bisa membantu memeriksa pelekatan (AMBIDA) saat kunjungan rumah.',
        '',
        '## Datang hari itu juga bila',
        '',
        '- payudara merah, panas, nyeri dan ibu demam;',
        '- bayi tidak mau menyusu, sangat lemah, atau ada tanda bahaya lain di Buku KIA.',
      ].join('\n'),
      keyPoints: [
        'Konsultasi menyusui: Selasa dan Kamis pukul 08.00–11.00 di ruang KIA.',
        'Payudara merah, nyeri dan demam: datang hari itu juga.',
        'Bayi tidak mau menyusu atau sangat lemah: rujuk ke bidan hari ini.',
      ],
      audience: 'mother',
      stage: 'age',
      ageFromDay: 0,
      ageToDay: null,
      counselling: ['breast_care', 'positioning_attachment'],
      breakReasons: [],
      findings: [],
      sources: 'Jadwal layanan Puskesmas Bojong Nangka; Buku KIA (tanda bahaya bayi baru lahir)',
      status: 'published',
      publishedAt: published,
      reviewedBy: bidan.id,
      reviewedAt: published,
      createdBy: bidan.id,
      updatedBy: bidan.id,
      createdAt: zoned(addDays(today, -45), 14),
      updatedAt: published,
    },
    {
      id: ids.uuid(),
      puskesmasId: tenant.puskesmasId,
      slug: 'kelas-ayah-asi',
      title: 'Kelas ayah ASI di posyandu',
      summary: 'Undangan untuk para ayah: apa yang bisa dilakukan suami agar istri bisa menyusui eksklusif sampai 6 bulan.',
      body: [
        'Ayah punya peran besar. Ibu yang didukung suami lebih percaya diri untuk memberi ASI saja sampai bayi berumur 6 bulan.',
        '',
        '- Bantu pekerjaan rumah agar ibu bisa beristirahat dan menyusui sesering bayi mau, siang dan malam.',
        '- Jelaskan kepada keluarga bahwa bayi di bawah 6 bulan tidak perlu air putih, madu atau pisang.',
        '- Datang ke pertemuan KP-ASI bersama istri.',
      ].join('\n'),
      keyPoints: ['Bantu pekerjaan rumah.', 'Bayi di bawah 6 bulan: ASI saja, tanpa air putih.', 'Ikut pertemuan KP-ASI.'],
      audience: 'father',
      stage: 'pregnancy',
      ageFromDay: null,
      ageToDay: null,
      counselling: ['family_support'],
      breakReasons: ['family_pressure'],
      findings: [],
      sources: 'WHO/UNICEF: Ten steps to successful breastfeeding',
      status: 'draft',
      createdBy: gizi.id,
      updatedBy: gizi.id,
      createdAt: zoned(addDays(today, -3), 15),
      updatedAt: zoned(addDays(today, -3), 15),
    },
  );
  const reviewed = zoned(addDays(today, -30), 10);
  data.builtinLessonStates.push({
    puskesmasId: tenant.puskesmasId,
    slug: 'imd-dan-kolostrum',
    hidden: false,
    reviewedBy: bidan.id,
    reviewedAt: reviewed,
    reviewedHash: builtinHash('imd-dan-kolostrum'),
    updatedBy: bidan.id,
    updatedAt: reviewed,
  });
}
