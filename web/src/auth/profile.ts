import { api, outcome } from '../api/api';
import type { components } from '../api/schema';
import { chooseLocale } from '../i18n/i18n';
import { supportedLocale } from '../i18n/messages';
import { createStore } from '../store';
import { sessionStore } from './session';

/** The signed-in user (GET /v1/me). Loading it applies the user's own language. */
export type Profile = components['schemas']['MeResponse'];

export const profileStore = createStore<Profile | undefined>(undefined);

sessionStore.subscribe(() => {
  if (!sessionStore.get().signedIn) profileStore.set(undefined);
});

export async function loadProfile(options: { applyLocale: boolean }) {
  const result = await outcome(api().GET('/v1/me'));
  if (result.ok) {
    profileStore.set(result.data);
    const locale = supportedLocale(result.data.locale);
    if (options.applyLocale && locale) chooseLocale(locale, { remember: false });
  }
  return result;
}
