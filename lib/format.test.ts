import { describe, expect, it } from 'vitest';
import { formatDate, formatDateShort, formatDateTime, formatNumber, formatPercent, formatTime, type UiLocale } from './format';

const at = new Date('2024-08-17T06:05:00Z'); // 13.05 WIB, 14.05 WITA

describe('display formats (DESIGN §2), the same on every call with kept formatters', () => {
  it.each<[string, () => string | null, string | null]>([
    ['percent with a decimal comma', () => formatPercent(11.94), '11,9%'],
    ['percent in English', () => formatPercent(11.94, 'en'), '11.9%'],
    ['percent rounded to one decimal (decision 048)', () => formatPercent(100 / 3), '33,3%'],
    ['percent rounded half up', () => formatPercent(12.25), '12,3%'],
    ['a whole percent has no decimals', () => formatPercent(11.97), '12%'],
    ['thousands', () => formatPercent(1234.5), '1.234,5%'],
    ['no data is null, never 0% or NaN', () => formatPercent(null), null],
    ['NaN is null', () => formatPercent(Number.NaN), null],
    ['thousands with a dot', () => formatNumber(50000), '50.000'],
    ['thousands in English', () => formatNumber(50000, 'en'), '50,000'],
    ['long date', () => formatDate('2024-08-17'), '17 Agustus 2024'],
    ['long date in English', () => formatDate('2024-08-17', 'en'), '17 August 2024'],
    ['short date', () => formatDateShort('2024-08-07'), '07/08/2024'],
    ['time in WIB', () => formatTime(at), '13.05'],
    ['time in another zone of the puskesmas', () => formatTime(at, 'Asia/Makassar'), '14.05'],
    ['date and time', () => formatDateTime(at, 'Asia/Jakarta'), '17 Agustus 2024 pukul 13.05'],
  ])('%s', (_name, f, expected) => {
    expect(f()).toBe(expected);
    expect(f()).toBe(expected);
  });

  it('keeps the languages apart', () => {
    const both = (['id', 'en', 'id'] as UiLocale[]).map((l) => formatPercent(62.5, l));
    expect(both).toEqual(['62,5%', '62.5%', '62,5%']);
  });
});
