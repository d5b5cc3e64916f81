/** A demo puskesmas's places (villages, posyandu, targets) and its staff and kader accounts. */
import { addDays, monthOf } from '../../lib/domain';
import { DEFAULT_WINDOWS } from './catalogue';
import { e164, type TenantBuilder } from './tenant';
import { zoned } from './time';

export function seedPlaces(tenant: TenantBuilder) {
  const { def, today, data } = tenant;
  const created = zoned(addDays(today, -640), 9);
  data.puskesmas.push({
    id: tenant.puskesmasId,
    kabupatenId: tenant.kabupatenId,
    code: def.code,
    name: def.name,
    district: def.district,
    subdistrict: def.subdistrict,
    province: def.province,
    timeZone: def.timeZone,
    visitWindows: DEFAULT_WINDOWS,
    blockedTerms: def.blockedTerms,
    signatoryName: def.signatoryName,
    signatoryNip: def.signatoryNip,
    signatoryTitle: def.signatoryTitle,
    createdAt: created,
  });
  for (const v of def.villages) {
    const vid = tenant.ids.uuid();
    tenant.villageIds.set(v.key, vid);
    data.villages.push({ id: vid, puskesmasId: tenant.puskesmasId, name: v.name, kind: v.kind, createdAt: created });
    for (const p of v.posyandu) {
      const pid = tenant.ids.uuid();
      tenant.posyandu.set(p.key, { id: pid, villageKey: v.key, name: p.name, rw: p.rw, streets: p.streets });
      data.posyandu.push({ id: pid, puskesmasId: tenant.puskesmasId, villageId: vid, name: p.name, rw: p.rw, createdAt: created });
    }
  }
  const year = monthOf(today).year;
  for (const t of def.targets) {
    data.coverageTargets.push({ id: tenant.ids.uuid(), puskesmasId: tenant.puskesmasId, villageId: null, year: year + t.yearOffset, targetPercent: t.percent });
  }
}

export function seedAccounts(tenant: TenantBuilder) {
  const { def, today, data } = tenant;
  const staffCreated = zoned(addDays(today, -630), 10);
  for (const s of def.staff) {
    const id = tenant.ids.uuid();
    tenant.staff.set(s.key, { id, name: s.name, createdAt: staffCreated });
    data.users.push({ id, puskesmasId: tenant.puskesmasId, role: s.role, name: s.name, phone: e164(s.phone), passwordHash: tenant.hash, createdAt: staffCreated });
  }
  const kaderCreated = zoned(addDays(today, -620), 10);
  for (const k of def.kaders) {
    const id = tenant.ids.uuid();
    const p = tenant.posyandu.get(k.posyanduKey)!;
    tenant.kaders.set(k.key, { id, name: k.name, posyanduKey: k.posyanduKey, villageKey: p.villageKey, createdAt: kaderCreated });
    data.users.push({
      id,
      puskesmasId: tenant.puskesmasId,
      role: 'kader',
      name: k.name,
      phone: e164(k.phone),
      passwordHash: tenant.hash,
      posyanduId: p.id,
      villageId: tenant.villageIds.get(p.villageKey)!,
      createdAt: kaderCreated,
    });
    data.kaderPosyandu.push({ puskesmasId: tenant.puskesmasId, kaderId: id, posyanduId: p.id, createdAt: kaderCreated });
  }
}
