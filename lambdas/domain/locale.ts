export const LOCALES = ['en', 'es', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

/** `es-MX`, `IT`, `it_IT` → the supported language; anything else → `en`. */
export function resolveLocale(value: string | undefined | null): Locale {
  // Stryker disable next-line StringLiteral: any text that is no language resolves to `en`, as nothing does
  const language = (value ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}
