import type * as z from 'zod/mini';

/** One entry of a 400 VALIDATION_FAILED answer's `details`: a field and a sentence a frontend can show. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** `details[].field` when the problem is the body as a whole (not an object, say). */
export const WHOLE_BODY = '(body)';

/**
 * Sentences for issues that a schema did not word itself. Passed to `safeParse` as its error map, which
 * zod consults only when the schema has no message of its own: the field schemas' sentences always win.
 */
export function plainIssueMessage(issue: { code?: string; path?: PropertyKey[]; expected?: unknown }) {
  const atRoot = (issue.path ?? []).length === 0;
  if (atRoot && issue.code === 'invalid_type') return 'The body must be a JSON object.';
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'boolean' ? 'This must be true or false.' : 'This value has the wrong type.';
    case 'too_small':
      return 'This value is too short.';
    case 'too_big':
      return 'This value is too long.';
    case 'invalid_value':
      return 'This value is not one of the allowed values.';
    default:
      return 'This value is not valid.';
  }
}

/**
 * zod's issues as the contract's `details`: one entry per field, in the order the issues came (the first
 * problem of a field is the one to fix first), unknown fields named each on its own. Values are never
 * echoed: a body may hold a password or a code.
 */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const byField = new Map<string, string>();
  const add = (field: string, problem: string) => {
    if (!byField.has(field)) byField.set(field, problem);
  };
  for (const issue of issues) {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const field = at ? `${at}.${key}` : key;
        add(field, `Unknown field: ${field}.`);
      }
      continue;
    }
    add(at || WHOLE_BODY, issue.message);
  }
  return [...byField].map(([field, problem]) => ({ field, problem }));
}
