import { createStore } from './store';

/** A one-time note for the next screen (kept out of the URL, which would show the email). */
export type Flash = { readonly kind: 'registered'; readonly email: string };

export const flashStore = createStore<Flash | undefined>(undefined);

export function takeFlash(): Flash | undefined {
  const flash = flashStore.get();
  flashStore.set(undefined);
  return flash;
}
