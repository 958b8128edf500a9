import type { ComponentChild } from 'preact';
import type { Problem } from '../api/problem';
import { createStore, useStore } from '../store';
import { duration, fill, type Plural, plural, type Values } from './catalogue';
import { en } from './en';
import { es } from './es';
import { it } from './it';
import { LOCALES, type Locale, type Messages, supportedLocale } from './messages';
import { problemText } from './problem-text';

/**
 * The language of the app: the one chosen with the switcher (remembered in this browser), else the
 * browser's; after sign-in the user's own locale wins for the session.
 */
export const CATALOGUES: Readonly<Record<Locale, Messages>> = { en, es, it };
export { LOCALES, type Locale };

const STORAGE_KEY = 'mfa.locale';

function rememberedLocale(): Locale | undefined {
  try {
    return supportedLocale(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

function initialLocale(): Locale {
  return rememberedLocale() ?? supportedLocale(navigator.languages?.[0] ?? navigator.language) ?? 'en';
}

export const localeStore = createStore<Locale>(initialLocale());

/** The switcher remembers the choice; the signed-in user's locale applies without being remembered. */
export function chooseLocale(locale: Locale, options: { remember: boolean }): void {
  if (options.remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // not remembered: fine
    }
  }
  localeStore.set(locale);
}

export interface I18n {
  readonly locale: Locale;
  readonly m: Messages;
  fill(template: string, values?: Values): string;
  /** Like fill, with elements as values (a destination that must not wrap, in bold). */
  rich(template: string, values: Readonly<Record<string, ComponentChild>>): ComponentChild[];
  plural(forms: Plural, count: number, values?: Values): string;
  duration(seconds: number): string;
  dateTime(iso: string): string;
  date(iso: string): string;
  problem(problem: Problem): string;
}

export function i18nFor(locale: Locale): I18n {
  const m = CATALOGUES[locale];
  const intl = m.meta.intl;
  return {
    locale,
    m,
    fill,
    rich: (template, values) =>
      template
        .split(/\{(\w+)\}/)
        .map((part, index) => (index % 2 === 1 && part in values ? values[part] : part)),
    plural: (forms, count, values) => plural(intl, forms, count, values),
    duration: (seconds) => duration(intl, seconds),
    dateTime: (iso) =>
      new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    date: (iso) => new Intl.DateTimeFormat(intl, { dateStyle: 'long' }).format(new Date(iso)),
    problem: (problem) => problemText(m, problem),
  };
}

export function useI18n(): I18n {
  return i18nFor(useStore(localeStore));
}
