/**
 * One way through a server action (docs/decisions/055-one-action-wrapper.md): who is calling,
 * the form's zod schema where the action parses, then the work, with every refusal turned into
 * the action's answer in one place:
 *
 * - ForbiddenError / NotFoundError of the policy: the 403 / 404 page (`pages: true`) or a state;
 * - the database cannot be reached (lib/data/db-unavailable.ts): a state, when the action says one;
 * - domain refusals (ForumError, RegisterClosedError, AuthError…): `when(ErrorClass, answer)`;
 * - input the action did not expect (issue #29): the form readers (./form-data.ts) read anything
 *   that is not a form as an empty one, and a ZodError from a data function's own schema is
 *   answered as NotFoundError (nothing by that name exists), never a 500.
 *
 * Anything else is thrown again, Next's own control flow first (redirect(), forbidden(),
 * notFound(): unstable_rethrow), so a redirect inside the work always goes through.
 *
 * Not a 'use server' module: nothing here is an endpoint. The functions are exported in the
 * list at the end, not as `export async function`, which tests/integration/authz-actions.test.ts
 * reads as the server actions of lib/actions.
 */
import { forbidden, notFound, redirect, unstable_rethrow } from 'next/navigation';
import { ForbiddenError, NotFoundError } from '@/lib/auth/policy';
import { isDatabaseUnavailable } from '@/lib/data/db-unavailable';
import { ZodError } from 'zod';

/** An action's answer to a refusal: the state itself, or made from the error (translated, typed values). */
export type Answer<S, E = unknown> = S | ((err: E) => S | Promise<S>);

/** A domain refusal and its answer; made by `when()`. */
export type Refusal<S> = { matches: (err: unknown) => boolean; answer: (err: unknown) => S | Promise<S> };

/** What an action answers to the errors it expects. Left out: the error is thrown (an error page). */
export type Refusals<S> = {
  /** ForbiddenError and NotFoundError as the 403 / 404 page (forbidden(), notFound()), unless answered below. */
  pages?: boolean;
  /** ForbiddenError and NotFoundError alike, unless `forbidden` / `notFound` is given. */
  denied?: Answer<S>;
  forbidden?: Answer<S>;
  notFound?: Answer<S>;
  /** The database cannot be reached right now (docs/decisions/037-database-outage.md). */
  unavailable?: Answer<S>;
  /** Domain refusals, the first match answers: `[when(ForumError, (e) => …)]`. */
  refusals?: readonly Refusal<S>[];
};

/** A zod schema, classic or mini. */
export type Schema<T, E> = { safeParse(input: unknown): { success: true; data: T } | { success: false; error: E } };

/** Parsing the posted input with the form's schema; `invalid` answers a failure (field errors). */
export type Parse<S, T, E> = { schema: Schema<T, E>; input: unknown; invalid: Answer<S, E> };

export type ActionOptions<S, U> = Refusals<S> & {
  /**
   * Who is calling: `() => requireUser(roles)` (sign-in page, 403 for another role) or
   * `() => getCurrentUser()` (null: to /login; the data layer checks the policy). Runs inside
   * the mapping above, so an outage while checking the session answers `unavailable` too.
   */
  user: () => Promise<U | null>;
};

/** Answers `err` of class `cls` with `answer`. */
function when<E extends Error, S>(cls: abstract new (...args: never[]) => E, answer: Answer<S, E>): Refusal<S> {
  return { matches: (err) => err instanceof cls, answer: (err) => resolve(answer, err as E) };
}

/**
 * For `.catch()` inside the work: an error of class `cls` means there is nothing left to do (a
 * register already closed) and the work goes on; anything else is thrown again, to the mapping.
 */
function ignoring<E extends Error>(cls: abstract new (...args: never[]) => E): (err: unknown) => void {
  return (err) => {
    if (!(err instanceof cls)) throw err;
  };
}

/** Where an error goes: a 403 or 404 page, an answer, or thrown again (null). */
export type Outcome<S> = { page: 'forbidden' | 'notFound' } | { answer: Answer<S> } | null;

/** The mapping itself, pure (no Next, no I/O): which refusal `err` is for these options. */
function outcomeOf<S>(err: unknown, options: Refusals<S>): Outcome<S> {
  const policy = (which: 'forbidden' | 'notFound', given: Answer<S> | undefined): Outcome<S> => {
    const answer = given ?? options.denied;
    if (answer !== undefined) return { answer };
    return options.pages ? { page: which } : null;
  };
  if (err instanceof ForbiddenError) return policy('forbidden', options.forbidden);
  if (err instanceof NotFoundError) return policy('notFound', options.notFound);
  // Input the action did not expect that reached a data function's own schema (a hidden id that
  // is not an id, a form posted without its fields: issue #29): nothing by that name exists.
  if (err instanceof ZodError) return policy('notFound', options.notFound);
  const refusal = options.refusals?.find((r) => r.matches(err));
  if (refusal) return { answer: refusal.answer };
  if (options.unavailable !== undefined && isDatabaseUnavailable(err)) return { answer: options.unavailable };
  return null;
}

/** The state for a caught error, or a 403 / 404 page, or the error thrown again. */
async function answerTo<S>(err: unknown, options: Refusals<S>): Promise<S> {
  unstable_rethrow(err);
  const outcome = outcomeOf(err, options);
  if (!outcome) throw err;
  if ('page' in outcome) return outcome.page === 'forbidden' ? forbidden() : notFound();
  return resolve(outcome.answer, err);
}

async function resolve<S, E>(answer: Answer<S, E>, err: E): Promise<S> {
  return typeof answer === 'function' ? (answer as (err: E) => S | Promise<S>)(err) : answer;
}

/**
 * A signed-in action: the user check, then (with `parse`) the form's schema, then the work with
 * the user (and the parsed data); refusals answered as `options` says. The answer is the work's
 * result or one of the refusals' answers (R | A): the action's declared state type checks both.
 * (The overload with `parse` comes first: TypeScript fixes a callback's parameter types at the
 * first overload it tries.)
 */
function safeAction<R, U, T, E, A = never>(options: ActionOptions<A, U> & { parse: Parse<A, T, E> }, work: (user: U, data: T) => Promise<R>): Promise<R | A>;
function safeAction<R, U, A = never>(options: ActionOptions<A, U>, work: (user: U) => Promise<R>): Promise<R | A>;
async function safeAction<U, T, E>(
  options: ActionOptions<unknown, U> & { parse?: Parse<unknown, T, E> },
  work: (user: U, data: T) => Promise<unknown>,
): Promise<unknown> {
  try {
    const user = await options.user();
    if (user === null) redirect('/login');
    if (!options.parse) return await work(user, undefined as T);
    const parsed = options.parse.schema.safeParse(options.parse.input);
    if (!parsed.success) return await resolve(options.parse.invalid, parsed.error);
    return await work(user, parsed.data);
  } catch (err) {
    return answerTo(err, options);
  }
}

/** A public action (sign-in, activation, first-run setup, sign-out): no user check, the same mapping. */
function publicAction<R, T, E, A = never>(options: Refusals<A> & { parse: Parse<A, T, E> }, work: (data: T) => Promise<R>): Promise<R | A>;
function publicAction<R, A = never>(options: Refusals<A>, work: () => Promise<R>): Promise<R | A>;
async function publicAction<T, E>(options: Refusals<unknown> & { parse?: Parse<unknown, T, E> }, work: (data: T) => Promise<unknown>): Promise<unknown> {
  try {
    if (!options.parse) return await work(undefined as T);
    const parsed = options.parse.schema.safeParse(options.parse.input);
    if (!parsed.success) return await resolve(options.parse.invalid, parsed.error);
    return await work(parsed.data);
  } catch (err) {
    return answerTo(err, options);
  }
}

export { ignoring, outcomeOf, publicAction, safeAction, when };
