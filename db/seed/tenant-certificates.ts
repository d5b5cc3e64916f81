/** A demo puskesmas's certificates and their serial counters. */
import { addDays, fiveMonthDate, formatSerial, maxDate, sixMonthDate, type IsoDate } from '../../lib/domain';
import { Rng } from './random';
import type { TenantBuilder } from './tenant';
import { plusMinutes, zoned } from './time';

/** Certificates for about half of the graduated babies; one revoked and issued again. */
export function seedCertificates(tenant: TenantBuilder, certRng: Rng, always: string[], revokeOne: boolean) {
  const { today, rng, data } = tenant;
  const graduated = tenant.mothers
    .flatMap((m) => m.babies.map((b) => ({ m, b })))
    .filter(({ b }) => b.status === 'graduated')
    .sort((x, y) => (sixMonthDate(x.b.birth) < sixMonthDate(y.b.birth) ? -1 : sixMonthDate(x.b.birth) > sixMonthDate(y.b.birth) ? 1 : x.b.birthOrder - y.b.birthOrder));
  const issues: { babyId: string; date: IsoDate; at: Date; by: string; revoked?: { at: Date; by: string; reason: string } }[] = [];
  graduated.forEach(({ m, b }, i) => {
    if (i % 2 !== 0 && !always.includes(m.key)) return;
    const five = fiveMonthDate(b.birth);
    const confirmedOn = b.visits.filter((v) => v.confirmedExclusive && v.date >= five).map((v) => v.date)[0]!;
    const date = addDays(maxDate(sixMonthDate(b.birth), confirmedOn), rng.int(2, 20));
    if (date >= today) return;
    const by = tenant.staff.get(rng.chance(0.7) || !tenant.staff.has('gizi') ? 'bidan' : 'gizi')!.id;
    issues.push({ babyId: b.id, date, at: plusMinutes(zoned(date, 10), rng.int(0, 180)), by });
  });
  issues.sort((x, y) => x.at.getTime() - y.at.getTime());
  if (revokeOne) {
    const dewi = tenant.mothers.find((m) => m.key === 'dewi')?.babies[0]?.id;
    const target = issues.find((c) => c.babyId !== dewi && addDays(c.date, 3) < today);
    if (target) {
      const bidan = tenant.staff.get('bidan')!.id;
      const at = zoned(addDays(target.date, 3), 11);
      target.revoked = { at, by: bidan, reason: 'Nama ibu salah ketik pada sertifikat; diterbitkan ulang dengan nomor baru.' };
      issues.push({ babyId: target.babyId, date: addDays(target.date, 3), at: plusMinutes(at, 10), by: bidan });
      issues.sort((x, y) => x.at.getTime() - y.at.getTime());
    }
  }
  const counters = new Map<number, number>();
  for (const c of issues) {
    const year = Number(c.date.slice(0, 4));
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    data.certificates.push({
      id: tenant.ids.uuid(),
      puskesmasId: tenant.puskesmasId,
      babyId: c.babyId,
      year,
      number: n,
      serial: formatSerial(tenant.def.code, year, n),
      verificationCode: certRng.base32(32),
      issuedAt: c.at,
      issuedBy: c.by,
      revokedAt: c.revoked?.at ?? null,
      revokedBy: c.revoked?.by ?? null,
      revokeReason: c.revoked?.reason ?? null,
      signatoryName: tenant.def.signatoryName,
      signatoryNip: tenant.def.signatoryNip,
      signatoryTitle: tenant.def.signatoryTitle,
    });
  }
  for (const [year, lastNumber] of [...counters.entries()].sort((a, b) => a[0] - b[0])) {
    data.serialCounters.push({ puskesmasId: tenant.puskesmasId, year, lastNumber });
  }
}
