/**
 * The registration form without a form library (decision 053, page weight): its values read
 * from the form's FormData into the object registerMotherAction takes, and the schema's
 * messages per field. Pure, so the rules are tested without a browser.
 */

/**
 * The raw values as the form holds them (the schema, on the phone and on the server, checks and
 * converts them): strings as typed, an unpicked radio as `''` (IMD) or `undefined` (a baby's
 * sex), the consent box as a boolean, plus the create key `id` (decision 054).
 */
export type RegisterValues = {
  name: string;
  phone: string;
  nik: string;
  posyanduId: string;
  address: string;
  rt: string;
  rw: string;
  birthDate: string;
  earlyInitiation: string;
  babies: { sex: string | undefined; name: string; birthWeightGrams: string }[];
  consent: boolean;
  registerAnyway: boolean;
  id: string;
};

/**
 * Reads the form. The babies are `babies.<i>.name`, `babies.<i>.sex`, `babies.<i>.birthWeightGrams`
 * for i below `babyCount` (the fieldsets on the form; a baby's text fields are always sent, so an
 * untouched baby is still a baby with empty fields).
 */
export function registerValues(fd: FormData, babyCount: number, extra: { id: string; registerAnyway: boolean }): RegisterValues {
  const s = (k: string) => {
    const v = fd.get(k);
    return typeof v === 'string' ? v : '';
  };
  const picked = (k: string) => {
    const v = fd.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  return {
    name: s('name'),
    phone: s('phone'),
    nik: s('nik'),
    posyanduId: s('posyanduId'),
    address: s('address'),
    rt: s('rt'),
    rw: s('rw'),
    birthDate: s('birthDate'),
    earlyInitiation: s('earlyInitiation'),
    babies: Array.from({ length: babyCount }, (_, i) => ({
      sex: picked(`babies.${i}.sex`),
      name: s(`babies.${i}.name`),
      birthWeightGrams: s(`babies.${i}.birthWeightGrams`),
    })),
    consent: fd.has('consent'),
    registerAnyway: extra.registerAnyway,
    id: extra.id,
  };
}

/** A field's message keys by the field's name on the form: `phone`, `babies.1.sex`. */
export type FieldMessages = Partial<Record<string, string>>;

/** The schema's issues by field name (the path joined with dots); the first issue of a field wins. */
export function issueMessages(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): FieldMessages {
  const out: FieldMessages = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'root';
    out[key] ??= issue.message;
  }
  return out;
}

/** Baby `i` removed: its messages go, the messages of the babies after it move up one place. */
export function dropBaby(errors: FieldMessages, i: number): FieldMessages {
  const out: FieldMessages = {};
  for (const [key, message] of Object.entries(errors)) {
    const m = /^babies\.(\d+)\.(.+)$/.exec(key);
    if (!m) out[key] = message;
    else if (Number(m[1]) > i) out[`babies.${Number(m[1]) - 1}.${m[2]}`] = message;
    else if (Number(m[1]) < i) out[key] = message;
  }
  return out;
}
