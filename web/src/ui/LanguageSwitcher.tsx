import { CATALOGUES, chooseLocale, LOCALES, type Locale, useI18n } from '../i18n/i18n';
import { GlobeIcon } from './icons';

/** English (US), Español, Italiano, each named in its own language; the choice is remembered. */
export function LanguageSwitcher() {
  const { m, locale } = useI18n();
  return (
    <div class="language">
      <GlobeIcon />
      <label for="language" class="visually-hidden">
        {m.app.language}
      </label>
      <select
        id="language"
        value={locale}
        onChange={(event) => chooseLocale(event.currentTarget.value as Locale, { remember: true })}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {CATALOGUES[code].meta.language}
          </option>
        ))}
      </select>
    </div>
  );
}
