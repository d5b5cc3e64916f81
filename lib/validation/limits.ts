/**
 * Length limits that client components show (maxLength, counters) without the schemas that
 * enforce them: importing a constant from a schema module would bundle zod into the page
 * (issue #11, page weight). The schemas in visit.ts and journey.ts use these same values.
 */

/** Why a health record is changed (visit correction, transfer, exit): required, audited. */
export const REASON_MIN = 5;
export const REASON_MAX = 500;
/** Outcome of a referral follow-up. */
export const OUTCOME_MAX = 500;
