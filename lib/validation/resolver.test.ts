import { describe, expect, it } from 'vitest';
import { motherSchema } from './mother';
import { nestIssues, schemaResolver } from './resolver';
import { emptyVisit, visitSchema } from './visit';

const opts = { fields: {}, shouldUseNativeValidation: false } as never;

describe('nestIssues', () => {
  it.each([
    ['a top-level field', [{ path: ['name'], message: 'validation.required', code: 'too_small' }], { name: { type: 'too_small', message: 'validation.required' } }],
    [
      'an item of a list',
      [{ path: ['babies', 1, 'sex'], message: 'validation.required' }],
      { babies: [undefined, { sex: { type: 'invalid', message: 'validation.required' } }] },
    ],
    ['an object inside an object', [{ path: ['a', 'b'], message: 'm' }], { a: { b: { type: 'invalid', message: 'm' } } }],
    ['no path (the whole form)', [{ path: [], message: 'validation.invalid' }], { root: { type: 'invalid', message: 'validation.invalid' } }],
    [
      'two issues on one field: the first wins',
      [
        { path: ['nik'], message: 'first' },
        { path: ['nik'], message: 'second' },
      ],
      { nik: { type: 'invalid', message: 'first' } },
    ],
  ])('%s', (_name, issues, expected) => {
    const out = nestIssues(issues);
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});

describe('schemaResolver with the forms’ own schemas', () => {
  it('gives the visit schema’s message keys on the fields, and no values', async () => {
    const resolve = schemaResolver(visitSchema({ birthDate: '2026-10-01', today: '2026-12-02' }));
    const values = { ...emptyVisit('3f1c0a8e-9b3a-4c7e-8f2d-1a2b3c4d5e6f', '0b6f9a4e-2c1d-4e8f-9a7b-6c5d4e3f2a1b', '2026-12-02'), visitDate: '2027-01-01' };
    const r = await resolve(values as never, undefined, opts);
    expect(r.values).toEqual({});
    expect(Object.keys(r.errors)).toContain('visitDate');
    expect((r.errors as Record<string, { message: string }>).visitDate!.message).toMatch(/^visit\.|^validation\./);
  });

  it('gives the registration schema’s errors, those of a baby in its list nested', async () => {
    const resolve = schemaResolver(motherSchema({ today: '2026-12-02' }));
    const bad = await resolve(
      {
        name: '',
        phone: 'x',
        nik: '',
        posyanduId: '',
        address: '',
        rt: '',
        rw: '',
        birthDate: '',
        earlyInitiation: '',
        babies: [{ sex: undefined, name: '', birthWeightGrams: '' }],
        consent: false,
        registerAnyway: false,
      } as never,
      undefined,
      opts,
    );
    expect(Object.keys(bad.errors)).toEqual(expect.arrayContaining(['name', 'phone', 'consent', 'babies']));
    expect(Array.isArray((bad.errors as Record<string, unknown>).babies)).toBe(true);
    expect((bad.errors as unknown as { babies: { sex?: { message: string } }[] }).babies[0]!.sex!.message).toMatch(/^validation\./);
    expect(bad.values).toEqual({});
  });

  it('returns the schema’s output for valid values', async () => {
    const schema = { safeParse: (d: unknown) => ({ success: true as const, data: { trimmed: String((d as { v: string }).v).trim() } }) };
    const r = await schemaResolver<{ v: string }, { trimmed: string }>(schema)({ v: '  x ' }, undefined, opts);
    expect(r).toEqual({ values: { trimmed: 'x' }, errors: {} });
  });
});
