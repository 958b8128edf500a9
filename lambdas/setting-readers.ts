/**
 * How a setting's text (an environment variable) becomes its typed value. Each reader answers the value,
 * or what the text must be, phrased to follow the setting's name ("MFA_CODE_LENGTH must be ...").
 *
 * Plain functions rather than a schema library: every function reads its settings once per cold start,
 * and building a schema object graph for that cost more than the reading itself (`npm run bench`).
 */
export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/** `raw` is undefined when the variable is unset or empty: empty means "not set". */
export type Reader<T> = (raw: string | undefined) => Read<T>;

export type ReadValue<R> = R extends Reader<infer T> ? T : never;

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const problem = (text: string): Read<never> => ({ ok: false, problem: text });

/** A reader of a setting that has no default: unset is missing, set text is read by `read`. */
const whenSet =
  <T>(read: (raw: string) => Read<T>): Reader<T> =>
  (raw) =>
    raw === undefined ? problem('is missing') : read(raw);

/** The value when the setting is unset; otherwise `reader` decides. */
export const withDefault =
  <T>(reader: Reader<T>, fallback: T): Reader<T> =>
  (raw) =>
    raw === undefined ? ok(fallback) : reader(raw);

/** Undefined when the setting is unset; otherwise `reader` decides. */
export const optional =
  <T>(reader: Reader<T>): Reader<T | undefined> =>
  (raw) =>
    raw === undefined ? ok(undefined) : reader(raw);

/** A whole number from `min` to `max` (both allowed), in decimal digits. */
export const wholeNumber = (fallback: number, min: number, max: number): Reader<number> => {
  const what = problem(`must be a whole number from ${min} to ${max}`);
  return withDefault(
    whenSet((raw) => {
      const value = Number(raw);
      return /^\s*-?\d+\s*$/.test(raw) && value >= min && value <= max ? ok(value) : what;
    }),
    fallback,
  );
};

/** A check of a text setting, and what the text must be when the check fails. */
export type Rule = readonly [test: (value: string) => boolean, what: string];

export const minLength = (min: number): Rule => [
  (v) => v.length >= min,
  `must be at least ${min} characters`,
];
export const maxLength = (max: number): Rule => [
  (v) => v.length <= max,
  `must have at most ${max} characters`,
];
export const matches = (pattern: RegExp, what: string): Rule => [(v) => pattern.test(v), what];

/** Required text that passes every rule; the first rule it fails is the problem. */
export const text = (...rules: readonly Rule[]): Reader<string> =>
  whenSet((raw) => {
    const failed = rules.find(([test]) => !test(raw));
    return failed ? problem(failed[1]) : ok(raw);
  });

/** One of `allowed`, in upper case whichever case it was written in (like region codes). */
export const upperCaseOneOf = (allowed: readonly string[], what: string): Reader<string> =>
  whenSet((raw) => {
    const value = raw.toUpperCase();
    return allowed.includes(value) ? ok(value) : problem(what);
  });

/** An http(s) URL, without surrounding spaces and trailing slashes (so paths can be appended). */
export const httpUrl = (what: string): Reader<string> =>
  whenSet((raw) => {
    const trimmed = raw.trim();
    return isHttpUrl(trimmed) ? ok(trimmed.replace(/\/+$/, '')) : problem(what);
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A comma-separated list: entries trimmed, empty ones dropped, each read by `entry` (whose problem is the
 * list's). With `atLeastOne`, an empty list is that problem.
 */
export const list = <T>(entry: Reader<T>, atLeastOne?: string): Reader<T[]> =>
  whenSet((raw) => {
    const values: T[] = [];
    for (const item of raw.split(',')) {
      const trimmed = item.trim();
      if (trimmed === '') continue;
      const read = entry(trimmed);
      if (!read.ok) return read;
      values.push(read.value);
    }
    return atLeastOne !== undefined && values.length === 0 ? problem(atLeastOne) : ok(values);
  });
