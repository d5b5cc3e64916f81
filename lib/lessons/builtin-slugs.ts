/**
 * The slugs of the built-in lessons (content/lessons/<slug>.id.md), as a plain list the staff
 * form can use in the browser: a puskesmas's own lesson may not take one of them.
 * lib/lessons/library.test.ts checks that it names exactly the files.
 */
export const BUILTIN_LESSON_SLUGS = [
  'imd-dan-kolostrum',
  'tanda-cukup-asi',
  'pelekatan-ambida',
  'menyusu-sesuai-keinginan-bayi',
  'lonjakan-pertumbuhan',
  'tanpa-air-madu-pisang',
  'memerah-menyimpan-asi',
  'payudara-bengkak-mastitis',
  'tanda-bahaya-bayi-baru-lahir',
  'menyusui-saat-sakit',
  'makan-minum-ibu',
  'mp-asi-di-6-bulan',
  'untuk-ayah',
  'untuk-nenek',
  'kembali-ke-asi-saja',
  'konseling-saat-kunjungan',
] as const;

export function isBuiltinLessonSlug(slug: string): boolean {
  return (BUILTIN_LESSON_SLUGS as readonly string[]).includes(slug);
}
