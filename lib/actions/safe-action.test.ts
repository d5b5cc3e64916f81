/**
 * The one action wrapper (docs/decisions/055-one-action-wrapper.md): how each refusal becomes
 * the action's answer, with Next's real redirect() / forbidden() / notFound().
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { ignoring, outcomeOf, publicAction, safeAction, when } from './safe-action';

type State = { ok?: boolean; formError?: string; fieldErrors?: Record<string, string> };

class DomainError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** What the driver throws while PostgreSQL is stopped (lib/data/db-unavailable.ts). */
const outage = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
/** Drizzle wraps the driver's error. */
const wrappedOutage = () => new Error('Failed query: insert into visits …', { cause: outage() });

const user = { id: 'u1', role: 'kader' };
const signedIn = async () => user;
const failing = (err: unknown) => async (): Promise<State> => {
  throw err;
};

/** The digest Next puts on its own errors: what the framework turns into a page or a redirect. */
async function digestOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'the action threw').toBeInstanceOf(Error);
  return String((err as { digest?: unknown }).digest);
}

// forbidden() is an experimental API of Next: allowed when next.config sets authInterrupts.
const flag = process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS;
beforeAll(() => {
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
});
afterAll(() => {
  if (flag === undefined) delete process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS;
  else process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = flag;
});

describe('outcomeOf: the mapping, pure', () => {
  it('ForbiddenError and NotFoundError: the page (pages: true), or the form state, per option', () => {
    expect(outcomeOf(new ForbiddenError(), { pages: true })).toEqual({ page: 'forbidden' });
    expect(outcomeOf(new NotFoundError(), { pages: true })).toEqual({ page: 'notFound' });
    expect(outcomeOf(new ForbiddenError(), { denied: { formError: 'x.denied' } })).toEqual({ answer: { formError: 'x.denied' } });
    expect(outcomeOf(new NotFoundError(), { denied: { formError: 'x.denied' } })).toEqual({ answer: { formError: 'x.denied' } });
    // Apart: the specific option wins over `denied`; one without the other is thrown.
    const apart = { forbidden: { formError: 'x.notAllowed' }, notFound: { formError: 'x.gone' } };
    expect(outcomeOf(new ForbiddenError(), apart)).toEqual({ answer: { formError: 'x.notAllowed' } });
    expect(outcomeOf(new NotFoundError(), apart)).toEqual({ answer: { formError: 'x.gone' } });
    expect(outcomeOf(new NotFoundError(), { pages: true, notFound: { formError: 'x.gone' } })).toEqual({ answer: { formError: 'x.gone' } });
    expect(outcomeOf(new NotFoundError(), { forbidden: { formError: 'x.notAllowed' } })).toBeNull();
    expect(outcomeOf(new ForbiddenError(), {})).toBeNull();
  });

  it('the database unavailable: the unavailable answer only when the action has one, also when wrapped', () => {
    expect(outcomeOf(outage(), { unavailable: { formError: 'visit.unavailable' } })).toEqual({ answer: { formError: 'visit.unavailable' } });
    expect(outcomeOf(wrappedOutage(), { unavailable: { formError: 'visit.unavailable' } })).toEqual({ answer: { formError: 'visit.unavailable' } });
    expect(outcomeOf(outage(), { denied: { formError: 'visit.denied' } })).toBeNull();
    // A bug with an SQLSTATE is not an outage.
    expect(outcomeOf(Object.assign(new Error('duplicate key'), { code: '23505' }), { unavailable: { formError: 'visit.unavailable' } })).toBeNull();
  });

  it('a ZodError from a data function (input the action did not expect, issue #29): as NotFoundError', () => {
    const bad = z.object({ id: z.uuid() }).safeParse({ id: 'x' }).error!;
    expect(outcomeOf(bad, { pages: true })).toEqual({ page: 'notFound' });
    expect(outcomeOf(bad, { denied: { formError: 'x.denied' } })).toEqual({ answer: { formError: 'x.denied' } });
    expect(outcomeOf(bad, {})).toBeNull();
  });

  it('domain refusals: the first matching class answers; other errors are not matched', () => {
    const options = { refusals: [when(DomainError, (e) => ({ formError: `d.${e.code}` }))] };
    const o = outcomeOf<State>(new DomainError('limit'), options);
    expect(o && 'answer' in o && typeof o.answer === 'function').toBe(true);
    expect(outcomeOf(new Error('a bug'), options)).toBeNull();
    expect(outcomeOf(new TypeError('a bug'), { ...options, pages: true, unavailable: { formError: 'x.unavailable' } })).toBeNull();
  });
});

describe('safeAction', () => {
  it('answers the work when nothing is refused, with the user and the parsed data', async () => {
    const schema = z.object({ n: z.coerce.number().int() });
    const got = await safeAction({ user: signedIn, parse: { schema, input: { n: '7' }, invalid: { formError: 'x.fix' } } }, async (u, data) => ({
      ok: true,
      formError: `${u.id}:${data.n}`,
    }));
    expect(got).toEqual({ ok: true, formError: 'u1:7' });
  });

  it('answers a failed parse with `invalid` and never runs the work', async () => {
    const schema = z.object({ n: z.coerce.number({ error: 'validation.invalid' }).int() });
    let ran = false;
    const got = await safeAction(
      { user: signedIn, parse: { schema, input: { n: 'x' }, invalid: (error) => ({ fieldErrors: { n: error.issues[0]!.message } }) } },
      async () => {
        ran = true;
        return { ok: true };
      },
    );
    expect(got).toEqual({ fieldErrors: { n: 'validation.invalid' } });
    expect(ran).toBe(false);
  });

  it('Forbidden / NotFound: the 403 / 404 page with pages: true', async () => {
    expect(await digestOf(safeAction({ user: signedIn, pages: true }, failing(new ForbiddenError())))).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    expect(await digestOf(safeAction({ user: signedIn, pages: true }, failing(new NotFoundError())))).toBe('NEXT_HTTP_ERROR_FALLBACK;404');
  });

  it('Forbidden / NotFound: the form error with denied: a state, or made from the error', async () => {
    await expect(safeAction({ user: signedIn, denied: { formError: 'visit.denied' } }, failing(new ForbiddenError()))).resolves.toEqual({ formError: 'visit.denied' });
    await expect(safeAction({ user: signedIn, denied: { formError: 'visit.denied' } }, failing(new NotFoundError()))).resolves.toEqual({ formError: 'visit.denied' });
    await expect(
      safeAction({ user: signedIn, forbidden: async () => ({ formError: 'a.notAllowed' }), notFound: { formError: 'a.gone' } }, failing(new NotFoundError())),
    ).resolves.toEqual({ formError: 'a.gone' });
    // Not mapped by this action: thrown as it was.
    await expect(safeAction({ user: signedIn, forbidden: { formError: 'a.notAllowed' } }, failing(new NotFoundError()))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('database unavailable: the unavailable key, also when checking the session is what fails', async () => {
    const options = { denied: { formError: 'visit.denied' }, unavailable: { formError: 'visit.unavailable' } };
    await expect(safeAction({ user: signedIn, ...options }, failing(wrappedOutage()))).resolves.toEqual({ formError: 'visit.unavailable' });
    await expect(safeAction({ user: () => Promise.reject(outage()), ...options }, failing(new Error('not reached')))).resolves.toEqual({
      formError: 'visit.unavailable',
    });
    // Without the option an outage is thrown (an error page), as before.
    await expect(safeAction({ user: signedIn, denied: { formError: 'visit.denied' } }, failing(outage()))).rejects.toThrow('ECONNREFUSED');
  });

  it('domain refusals: answered from the error', async () => {
    const got = await safeAction(
      { user: signedIn, pages: true, refusals: [when(DomainError, (e) => ({ formError: `forum.errors.${e.code}` }))] },
      failing(new DomainError('rateLimited')),
    );
    expect(got).toEqual({ formError: 'forum.errors.rateLimited' });
  });

  it('an unknown error is thrown again, whatever the options', async () => {
    const bug = new TypeError('a bug');
    const options = { denied: { formError: 'x' }, unavailable: { formError: 'y' }, refusals: [when(DomainError, { formError: 'z' })] };
    await expect(safeAction({ user: signedIn, ...options }, failing(bug))).rejects.toBe(bug);
    await expect(safeAction({ user: () => Promise.reject(bug), ...options }, failing(new Error('not reached')))).rejects.toBe(bug);
  });

  it('a redirect in the work goes through, even past a refusal that matches every Error', async () => {
    const options = { denied: { formError: 'x' }, unavailable: { formError: 'y' }, refusals: [when(Error, { formError: 'caught' })] };
    const digest = await digestOf(
      safeAction({ user: signedIn, ...options }, async () => {
        redirect('/kader/bayi/1?saved=1');
      }),
    );
    expect(digest).toMatch(/^NEXT_REDIRECT;replace;\/kader\/bayi\/1\?saved=1;307;/);
  });

  it('the 403 page of a role check (requireUser) goes through too', async () => {
    const { forbidden } = await import('next/navigation');
    const options = { denied: { formError: 'x' }, refusals: [when(Error, { formError: 'caught' })] };
    expect(await digestOf(safeAction({ user: async () => forbidden(), ...options }, async () => ({ ok: true })))).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
  });

  it('nobody signed in: to /login, before any work', async () => {
    let ran = false;
    const digest = await digestOf(
      safeAction({ user: async () => null, denied: { formError: 'x' } }, async () => {
        ran = true;
        return {};
      }),
    );
    expect(digest).toMatch(/^NEXT_REDIRECT;replace;\/login;307;/);
    expect(ran).toBe(false);
  });
});

describe('publicAction', () => {
  it('maps the same way without a user', async () => {
    const options = { forbidden: { formError: 'setup.denied' }, unavailable: { formError: 'setup.error' } };
    await expect(publicAction(options, failing(new ForbiddenError()))).resolves.toEqual({ formError: 'setup.denied' });
    await expect(publicAction(options, failing(outage()))).resolves.toEqual({ formError: 'setup.error' });
    await expect(publicAction(options, failing(new NotFoundError()))).rejects.toBeInstanceOf(NotFoundError);
    expect(await digestOf(publicAction(options, async () => redirect('/login?n=setupDone')))).toMatch(/^NEXT_REDIRECT;replace;\/login\?n=setupDone;/);
  });

  it('parses first', async () => {
    const schema = z.object({ phone: z.string().min(3, 'validation.required') });
    await expect(publicAction({ parse: { schema, input: { phone: '' }, invalid: { formError: 'bad' } } }, async () => ({ ok: true }))).resolves.toEqual({
      formError: 'bad',
    });
    await expect(publicAction({ parse: { schema, input: { phone: '0812' }, invalid: { formError: 'bad' } } }, async (d) => ({ formError: d.phone }))).resolves.toEqual({
      formError: '0812',
    });
  });
});

describe('ignoring', () => {
  it('swallows its class only', async () => {
    await expect(Promise.reject(new DomainError('closed')).catch(ignoring(DomainError))).resolves.toBeUndefined();
    const bug = new Error('a bug');
    await expect(Promise.reject(bug).catch(ignoring(DomainError))).rejects.toBe(bug);
  });
});
