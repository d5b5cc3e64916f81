import { describe, expect, it } from 'vitest';
import { motherSchema } from '@/lib/validation/mother';
import { dropBaby, issueMessages, registerValues } from './register-values';

const today = '2026-12-02';
const posyanduId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const key = { id: '0b6c1d2e-3f40-4a51-9b62-7c83d94ea5f6', registerAnyway: false };

/** A form as the browser sends it: every text field (empty or not), radios and the box only when picked. */
function form(fields: Record<string, string>, babies: Record<string, string>[] = [{}]): FormData {
  const fd = new FormData();
  for (const k of ['name', 'phone', 'nik', 'posyanduId', 'address', 'rt', 'rw', 'birthDate']) fd.append(k, fields[k] ?? '');
  if (fields.earlyInitiation) fd.append('earlyInitiation', fields.earlyInitiation);
  babies.forEach((b, i) => {
    fd.append(`babies.${i}.name`, b.name ?? '');
    if (b.sex) fd.append(`babies.${i}.sex`, b.sex);
    fd.append(`babies.${i}.birthWeightGrams`, b.birthWeightGrams ?? '');
  });
  if (fields.consent) fd.append('consent', 'on');
  return fd;
}

describe('registerValues', () => {
  it('reads a mother with twins into the action’s input', () => {
    const fd = form(
      {
        name: 'Ibu Uji',
        phone: '0812-3456-7890',
        posyanduId,
        birthDate: '2026-11-27',
        earlyInitiation: 'yes',
        address: 'Jl. Melati 3',
        rt: '002',
        rw: '005',
        consent: 'on',
      },
      [
        { name: 'Kakak', sex: 'L', birthWeightGrams: '2800' },
        { sex: 'P', birthWeightGrams: '2650' },
      ],
    );
    const v = registerValues(fd, 2, key);
    expect(v).toEqual({
      name: 'Ibu Uji',
      phone: '0812-3456-7890',
      nik: '',
      posyanduId,
      address: 'Jl. Melati 3',
      rt: '002',
      rw: '005',
      birthDate: '2026-11-27',
      earlyInitiation: 'yes',
      babies: [
        { sex: 'L', name: 'Kakak', birthWeightGrams: '2800' },
        { sex: 'P', name: '', birthWeightGrams: '2650' },
      ],
      consent: true,
      registerAnyway: false,
      id: key.id,
    });
    // The shared schema takes it as it is (the server parses the same object).
    const parsed = motherSchema({ today }).safeParse(v);
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      expect(parsed.data.babies).toEqual([
        { name: 'Kakak', sex: 'L', birthWeightGrams: 2800 },
        { name: null, sex: 'P', birthWeightGrams: 2650 },
      ]);
      expect(parsed.data.earlyInitiation).toBe(true);
      expect(parsed.data.phone).toBe('+6281234567890');
    }
  });

  it('keeps empty optional fields empty, an unpicked IMD as "" and an unpicked sex as undefined', () => {
    const v = registerValues(form({ name: 'Ibu Uji', phone: '081234567890', posyanduId, birthDate: '2026-11-27', consent: 'on' }), 1, key);
    expect(v.nik).toBe('');
    expect(v.address).toBe('');
    expect(v.rt).toBe('');
    expect(v.earlyInitiation).toBe('');
    expect(v.babies).toEqual([{ sex: undefined, name: '', birthWeightGrams: '' }]);
    expect('sex' in v.babies[0]!).toBe(true);
    const r = motherSchema({ today }).safeParse(v);
    expect(r.success).toBe(false);
    if (!r.success) expect(issueMessages(r.error.issues)).toEqual({ 'babies.0.sex': 'validation.required' });
  });

  it('reads an unticked consent box as false, refused with its own message', () => {
    const v = registerValues(form({ name: 'Ibu Uji', phone: '081234567890', posyanduId, birthDate: '2026-11-27' }, [{ sex: 'P' }]), 1, key);
    expect(v.consent).toBe(false);
    const r = motherSchema({ today }).safeParse(v);
    expect(r.success).toBe(false);
    if (!r.success) expect(issueMessages(r.error.issues)).toEqual({ consent: 'validation.consentRequired' });
  });

  it('carries "register anyway" and the create key', () => {
    const v = registerValues(form({}), 1, { id: 'k', registerAnyway: true });
    expect(v.registerAnyway).toBe(true);
    expect(v.id).toBe('k');
  });

  it('reads as many babies as the form shows, empty ones included', () => {
    const v = registerValues(form({}, [{ sex: 'L' }, {}, { name: 'Adik' }]), 3, key);
    expect(v.babies.map((b) => [b.sex, b.name])).toEqual([
      ['L', ''],
      [undefined, ''],
      [undefined, 'Adik'],
    ]);
  });
});

describe('issueMessages', () => {
  it('names fields as the form does; the first issue of a field wins', () => {
    expect(
      issueMessages([
        { path: ['name'], message: 'validation.required' },
        { path: ['name'], message: 'validation.tooLong' },
        { path: ['babies', 1, 'sex'], message: 'validation.required' },
        { path: [], message: 'validation.invalid' },
      ]),
    ).toEqual({ name: 'validation.required', 'babies.1.sex': 'validation.required', root: 'validation.invalid' });
  });

  it('gives every message of an empty form on its field', () => {
    const r = motherSchema({ today }).safeParse(registerValues(form({}), 1, key));
    expect(r.success).toBe(false);
    if (!r.success) {
      const m = issueMessages(r.error.issues);
      expect(m.name).toBe('validation.required');
      expect(m.phone).toBe('validation.required');
      expect(m.posyanduId).toBe('validation.required');
      expect(m.birthDate).toBe('validation.dateInvalid');
      expect(m['babies.0.sex']).toBe('validation.required');
      expect(m.consent).toBe('validation.consentRequired');
      expect(m.nik).toBeUndefined();
      expect(m.rt).toBeUndefined();
    }
  });
});

describe('dropBaby', () => {
  it('removes the baby’s messages and moves the later babies’ up one place', () => {
    expect(dropBaby({ name: 'a', babies: 'b', 'babies.0.sex': 'c', 'babies.1.sex': 'd', 'babies.2.sex': 'e', 'babies.2.birthWeightGrams': 'f' }, 1)).toEqual({
      name: 'a',
      babies: 'b',
      'babies.0.sex': 'c',
      'babies.1.sex': 'e',
      'babies.1.birthWeightGrams': 'f',
    });
  });
});
