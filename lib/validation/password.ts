/**
 * The password rules, once, for every form that sets a password (activation, change, reset):
 * at least 8 characters, at most 200, not the user's phone number, not one of the most common
 * passwords (a short list: the global top ones and Indonesian favourites). Message keys are
 * under "validation" in messages/*.json.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** Lower-case; a password equal to one of these (ignoring case) is refused. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '87654321',
  '11111111',
  '00000000',
  '88888888',
  '12341234',
  '11223344',
  '12121212',
  '123123123',
  '1q2w3e4r',
  '1qaz2wsx',
  'qwertyui',
  'qwerty123',
  'qwertyuiop',
  'asdfghjk',
  'zxcvbnm1',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'iloveyou',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'whatever',
  'trustno1',
  'abcd1234',
  'abc12345',
  'admin123',
  'administrator',
  'welcome1',
  'letmein1',
  'changeme',
  'starwars',
  'dragon12',
  // Indonesian favourites
  'bismillah',
  'bismillah123',
  'alhamdulillah',
  'sayangku',
  'sayang123',
  'cintaku1',
  'cinta123',
  'indonesia',
  'indonesia1',
  'merdeka45',
  'rahasia1',
  'rahasia123',
  'katasandi',
  'katasandi1',
  'sandi123',
  'doraemon',
  'persija1',
  'persib1933',
  'garuda123',
  'jakarta1',
  'bandung1',
  'bogor123',
  'anakku123',
  'mamapapa',
  'bundaku1',
  'ibuku123',
  'asi12345',
  'asieksklusif',
  'posyandu',
  'posyandu1',
  'puskesmas',
  'puskesmas1',
  'kekasihku',
  'kekasihku1',
  'kader123',
  'bidan123',
  'qwerty12',
]);

/**
 * The message key of what is wrong with a new password, or null when it is acceptable.
 * `phoneE164` is the account's phone (+62…): the password may not be it in any spelling.
 */
export function passwordProblem(password: string, phoneE164?: string | null): string | null {
  if (password.length < PASSWORD_MIN) return 'validation.passwordTooShort';
  if (password.length > PASSWORD_MAX) return 'validation.passwordTooLong';
  if (!password.trim()) return 'validation.passwordTooShort';
  if (phoneE164) {
    const national = phoneE164.replace(/^\+62/, '');
    const digits = password.replace(/\D/g, '');
    if (national.length >= 8 && digits.length >= national.length && digits.includes(national)) return 'validation.passwordIsPhone';
  }
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'validation.passwordCommon';
  return null;
}
