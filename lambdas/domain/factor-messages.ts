import type { Locale } from './locale';
import type { EmailMessage } from './messages';

/**
 * The notices about a user's second factors (NIST 800-63B-4 §4.6: the user hears of every change, with
 * what to do if it was not them), in every language. Subjects hold only the operator's product name.
 */
export interface FactorNoticeInput {
  readonly product: string;
  readonly at: Date;
}

export interface FactorCatalogue {
  totpEnabled(input: FactorNoticeInput): EmailMessage;
  totpRemoved(input: FactorNoticeInput): EmailMessage;
  recoveryCodesGenerated(input: FactorNoticeInput): EmailMessage;
  recoveryCodeUsed(input: FactorNoticeInput & { readonly left: number }): EmailMessage;
}

const when = (date: Date, locale: Locale) =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;

const body = (greeting: string, lines: string[], product: string) =>
  [greeting, '', ...lines, '', `— ${product}`].join('\n');

const en: FactorCatalogue = {
  totpEnabled: ({ product, at }) => ({
    subject: `An authenticator app was added to your ${product} account`,
    text: body(
      'Hello,',
      [
        `An authenticator app was set up for signing in to ${product} on ${when(at, 'en')}.`,
        '',
        'If you did this, there is nothing else to do.',
        'If you did not, someone may have access to your account: reset your password now and ask your account administrator to reset your two-step sign-in.',
      ],
      product,
    ),
  }),
  totpRemoved: ({ product, at }) => ({
    subject: `The authenticator app was removed from your ${product} account`,
    text: body(
      'Hello,',
      [
        `The authenticator app you used to sign in to ${product} was removed on ${when(at, 'en')}.`,
        '',
        'If you did not do this, reset your password now and tell your account administrator.',
      ],
      product,
    ),
  }),
  recoveryCodesGenerated: ({ product, at }) => ({
    subject: `New recovery codes for your ${product} account`,
    text: body(
      'Hello,',
      [
        `New recovery codes were created for your ${product} account on ${when(at, 'en')}. Your earlier codes no longer work.`,
        '',
        'If you did not do this, reset your password now and tell your account administrator.',
      ],
      product,
    ),
  }),
  recoveryCodeUsed: ({ product, at, left }) => ({
    subject: `A recovery code was used to sign in to ${product}`,
    text: body(
      'Hello,',
      [
        `A recovery code was used to sign in to your ${product} account on ${when(at, 'en')}. ${left} recovery codes are left.`,
        '',
        'If this was not you, someone has one of your recovery codes: reset your password now, create new recovery codes and tell your account administrator.',
      ],
      product,
    ),
  }),
};

const es: FactorCatalogue = {
  totpEnabled: ({ product, at }) => ({
    subject: `Se ha añadido una app de autenticación a tu cuenta de ${product}`,
    text: body(
      'Hola:',
      [
        `Se configuró una app de autenticación para iniciar sesión en ${product} el ${when(at, 'es')}.`,
        '',
        'Si has sido tú, no tienes que hacer nada más.',
        'Si no, alguien podría tener acceso a tu cuenta: cambia tu contraseña ahora y pide al administrador de tu cuenta que restablezca tu inicio de sesión en dos pasos.',
      ],
      product,
    ),
  }),
  totpRemoved: ({ product, at }) => ({
    subject: `Se ha quitado la app de autenticación de tu cuenta de ${product}`,
    text: body(
      'Hola:',
      [
        `La app de autenticación con la que iniciabas sesión en ${product} se quitó el ${when(at, 'es')}.`,
        '',
        'Si no has sido tú, cambia tu contraseña ahora y avisa al administrador de tu cuenta.',
      ],
      product,
    ),
  }),
  recoveryCodesGenerated: ({ product, at }) => ({
    subject: `Nuevos códigos de recuperación para tu cuenta de ${product}`,
    text: body(
      'Hola:',
      [
        `Se crearon nuevos códigos de recuperación para tu cuenta de ${product} el ${when(at, 'es')}. Los códigos anteriores ya no sirven.`,
        '',
        'Si no has sido tú, cambia tu contraseña ahora y avisa al administrador de tu cuenta.',
      ],
      product,
    ),
  }),
  recoveryCodeUsed: ({ product, at, left }) => ({
    subject: `Se ha usado un código de recuperación para entrar en ${product}`,
    text: body(
      'Hola:',
      [
        `Se usó un código de recuperación para iniciar sesión en tu cuenta de ${product} el ${when(at, 'es')}. Te quedan ${left} códigos de recuperación.`,
        '',
        'Si no has sido tú, alguien tiene uno de tus códigos: cambia tu contraseña ahora, crea códigos nuevos y avisa al administrador de tu cuenta.',
      ],
      product,
    ),
  }),
};

const it: FactorCatalogue = {
  totpEnabled: ({ product, at }) => ({
    subject: `È stata aggiunta un'app di autenticazione al tuo account ${product}`,
    text: body(
      'Ciao,',
      [
        `Il ${when(at, 'it')} è stata configurata un'app di autenticazione per accedere a ${product}.`,
        '',
        'Se sei stato tu, non devi fare altro.',
        "Se non sei stato tu, qualcuno potrebbe avere accesso al tuo account: cambia subito la password e chiedi all'amministratore del tuo account di reimpostare l'accesso in due passaggi.",
      ],
      product,
    ),
  }),
  totpRemoved: ({ product, at }) => ({
    subject: `L'app di autenticazione è stata rimossa dal tuo account ${product}`,
    text: body(
      'Ciao,',
      [
        `L'app di autenticazione con cui accedevi a ${product} è stata rimossa il ${when(at, 'it')}.`,
        '',
        "Se non sei stato tu, cambia subito la password e avvisa l'amministratore del tuo account.",
      ],
      product,
    ),
  }),
  recoveryCodesGenerated: ({ product, at }) => ({
    subject: `Nuovi codici di recupero per il tuo account ${product}`,
    text: body(
      'Ciao,',
      [
        `Il ${when(at, 'it')} sono stati creati nuovi codici di recupero per il tuo account ${product}. I codici precedenti non funzionano più.`,
        '',
        "Se non sei stato tu, cambia subito la password e avvisa l'amministratore del tuo account.",
      ],
      product,
    ),
  }),
  recoveryCodeUsed: ({ product, at, left }) => ({
    subject: `È stato usato un codice di recupero per accedere a ${product}`,
    text: body(
      'Ciao,',
      [
        `Il ${when(at, 'it')} è stato usato un codice di recupero per accedere al tuo account ${product}. Ti restano ${left} codici di recupero.`,
        '',
        "Se non sei stato tu, qualcuno ha uno dei tuoi codici: cambia subito la password, crea nuovi codici e avvisa l'amministratore del tuo account.",
      ],
      product,
    ),
  }),
};

const catalogues: Record<Locale, FactorCatalogue> = { en, es, it };

export const factorMessagesFor = (locale: Locale): FactorCatalogue => catalogues[locale];
