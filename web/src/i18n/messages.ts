import type { Shape } from './catalogue';
import type { en } from './en';

/** What every language must say: the shape of the English catalogue. */
export type Messages = Shape<typeof en>;

export const LOCALES = ['en', 'es', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

/** `es-MX`, `IT`, `it_IT` → a supported language; anything else → undefined. */
export function supportedLocale(value: string | null | undefined): Locale | undefined {
  const language = (value ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language ?? '') ? (language as Locale) : undefined;
}
