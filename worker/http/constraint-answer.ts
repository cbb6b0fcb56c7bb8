/**
 * The one place a constraint failure of D1 becomes a client answer. Explicit checks before a write
 * give the readable answer in the common case; two requests racing past those checks meet the
 * database's own constraint, and this turns that failure into the same problem+json naming the
 * field, instead of a 500.
 */
import { type Constraint, constraintOf, sameConstraint } from "../db/constraint";
import { ApiError } from "./problem";

export type ConstraintAnswer = {
  constraint: Constraint;
  field: string;
  message: string;
  /** 409 unless given. */
  status?: 409 | 422;
};

/** The answer for the constraint `err` reports, or null when none of `answers` covers it. */
export function answerFor(err: unknown, answers: readonly ConstraintAnswer[]): ApiError | null {
  const hit = constraintOf(err);
  const answer = hit && answers.find((a) => sameConstraint(a.constraint, hit));
  if (!answer) return null;
  return new ApiError(answer.status ?? 409, answer.message, { [answer.field]: [answer.message] });
}

/** Runs `write`; a failure of one of the constraints in `answers` is thrown as its answer. */
export async function answerConstraints<T>(
  answers: readonly ConstraintAnswer[],
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw answerFor(err, answers) ?? err;
  }
}

/**
 * Why a write that holds its references in its own statement changed nothing: the answer of
 * `checks` (the checks made before the write, run again: a 422 naming what is gone now), or a 409
 * on `field` when they pass because everything is back meanwhile.
 */
export async function answerOfChecks(
  checks: () => Promise<unknown>,
  field: string,
  changed: string,
): Promise<ApiError> {
  try {
    await checks();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  const message = `${changed} changed meanwhile; nothing was saved, try again`;
  return new ApiError(409, message, { [field]: [message] });
}
