import { createStore } from './store';

/** A one-time note for the next screen (kept out of the URL, which would show the email). */
export type Flash = {
  /** registered: from Registration; forgot: to Forgot password; passwordReset: back from it. */
  readonly kind: 'registered' | 'forgot' | 'passwordReset';
  readonly email: string;
};

export const flashStore = createStore<Flash | undefined>(undefined);

export function takeFlash(): Flash | undefined {
  const flash = flashStore.get();
  flashStore.set(undefined);
  return flash;
}
