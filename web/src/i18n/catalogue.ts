/**
 * The shape of a message catalogue and the few helpers that fill it. `en` is the source; `es` and `it`
 * have the same shape (the compiler checks every key; a test checks the placeholders). Plurals and
 * durations come from Intl, so no language needs its own grammar code.
 */

/** Plural forms by Intl.PluralRules category; `other` is the fallback. */
export interface Plural {
  readonly one: string;
  readonly other: string;
}

/** `typeof en` with every string literal widened, so another language can say something else. */
export type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type Values = Readonly<Record<string, string | number>>;

/** Replaces `{name}` placeholders; unknown ones stay as they are (a test keeps them in step). */
export function fill(template: string, values: Values = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}

export function plural(locale: string, forms: Plural, count: number, values: Values = {}): string {
  const category = new Intl.PluralRules(locale).select(count);
  const form = (forms as unknown as Record<string, string | undefined>)[category] ?? forms.other;
  return fill(form, { count, ...values });
}

/** 25 → "25 seconds", 300 → "5 minutes", 5400 → "2 hours" (rounded up), in the locale's words. */
export function duration(locale: string, seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const [value, unit] =
    s < 90 ? [s, 'second'] : s < 90 * 60 ? [Math.ceil(s / 60), 'minute'] : [Math.ceil(s / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Placeholders of a template, sorted (for the parity test). */
export const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
