import type { Locale } from './locale';
import type { EmailMessage } from './messages';

/**
 * The account lifecycle's emails (password reset code, password changed, MFA reset), in every language.
 * Subjects carry no user-supplied text (only the operator's product name); a code never goes in a subject.
 */
export interface ResetCodeInput {
  readonly product: string;
  readonly code: string;
  readonly minutes: number;
}

export interface PasswordChangedInput {
  readonly product: string;
  readonly changedAt: Date;
  /** A reset with an emailed code, or a change made while signed in. */
  readonly how: 'reset' | 'change';
}

export interface MfaResetInput {
  readonly product: string;
  readonly resetAt: Date;
}

interface AccountCatalogue {
  passwordResetCodeEmail(input: ResetCodeInput): EmailMessage;
  passwordChangedEmail(input: PasswordChangedInput): EmailMessage;
  mfaResetEmail(input: MfaResetInput): EmailMessage;
}

/** A date as the reader's language writes it, in UTC so that it means the same everywhere. */
const formatDate = (date: Date, locale: Locale): string =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;

const en: AccountCatalogue = {
  passwordResetCodeEmail: ({ product, code, minutes }) => ({
    subject: `Your ${product} password reset code`,
    text: [
      'Hello,',
      '',
      `Someone asked to reset the password of your ${product} account. Your code is: ${code}`,
      '',
      `It expires in ${minutes} minutes and can be used once. Never share it; we will never ask you for it.`,
      'A reset never skips two-step sign-in: if your account uses it, you still enter a code after your password.',
      '',
      'If you did not ask for this, ignore this email: your password stays as it is.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  passwordChangedEmail: ({ product, changedAt, how }) => ({
    subject: `Your ${product} password was changed`,
    text: [
      'Hello,',
      '',
      `The password of your ${product} account was ${how === 'reset' ? 'reset with a code sent to this address' : 'changed'} on ${formatDate(changedAt, 'en')}.`,
      how === 'reset'
        ? 'Every device that was signed in has been signed out.'
        : 'Every other device that was signed in has been signed out.',
      '',
      'If you did this, there is nothing else to do.',
      'If you did not, reset your password now and tell your account administrator.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  mfaResetEmail: ({ product, resetAt }) => ({
    subject: `Your ${product} two-step sign-in was reset`,
    text: [
      'Hello,',
      '',
      `An administrator of your account reset your ${product} two-step sign-in on ${formatDate(resetAt, 'en')}: your MFA phone number and other second factors were removed, and you were signed out everywhere.`,
      '',
      'When you next sign in, the code comes to this email address. Add a phone number again in Personal Preferences.',
      '',
      'If you did not ask your administrator for this, tell them now.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
};

const es: AccountCatalogue = {
  passwordResetCodeEmail: ({ product, code, minutes }) => ({
    subject: `Tu código para restablecer la contraseña de ${product}`,
    text: [
      'Hola:',
      '',
      `Alguien ha pedido restablecer la contraseña de tu cuenta de ${product}. Tu código es: ${code}`,
      '',
      `Caduca en ${minutes} minutos y solo se puede usar una vez. No lo compartas; nunca te lo pediremos.`,
      'Restablecer la contraseña no evita el inicio de sesión en dos pasos: si tu cuenta lo usa, seguirás introduciendo un código después de la contraseña.',
      '',
      'Si no lo has pedido tú, ignora este correo: tu contraseña no cambia.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  passwordChangedEmail: ({ product, changedAt, how }) => ({
    subject: `Se ha cambiado tu contraseña de ${product}`,
    text: [
      'Hola:',
      '',
      `La contraseña de tu cuenta de ${product} se ${how === 'reset' ? 'restableció con un código enviado a esta dirección' : 'cambió'} el ${formatDate(changedAt, 'es')}.`,
      how === 'reset'
        ? 'Se ha cerrado la sesión en todos los dispositivos.'
        : 'Se ha cerrado la sesión en todos los demás dispositivos.',
      '',
      'Si has sido tú, no tienes que hacer nada más.',
      'Si no, restablece tu contraseña ahora y avisa al administrador de tu cuenta.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  mfaResetEmail: ({ product, resetAt }) => ({
    subject: `Se ha restablecido tu inicio de sesión en dos pasos de ${product}`,
    text: [
      'Hola:',
      '',
      `Un administrador de tu cuenta restableció tu inicio de sesión en dos pasos de ${product} el ${formatDate(resetAt, 'es')}: se han eliminado tu número de teléfono y los demás segundos factores, y se ha cerrado tu sesión en todas partes.`,
      '',
      'La próxima vez que inicies sesión, el código llegará a esta dirección de correo. Vuelve a añadir un número en Preferencias personales.',
      '',
      'Si no se lo has pedido a tu administrador, avísale ahora.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
};

const it: AccountCatalogue = {
  passwordResetCodeEmail: ({ product, code, minutes }) => ({
    subject: `Il tuo codice per reimpostare la password di ${product}`,
    text: [
      'Ciao,',
      '',
      `Qualcuno ha chiesto di reimpostare la password del tuo account ${product}. Il tuo codice è: ${code}`,
      '',
      `Scade tra ${minutes} minuti e si può usare una sola volta. Non condividerlo; non te lo chiederemo mai.`,
      "Reimpostare la password non salta l'accesso in due passaggi: se il tuo account lo usa, dopo la password inserirai comunque un codice.",
      '',
      'Se non sei stato tu, ignora questa email: la tua password non cambia.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  passwordChangedEmail: ({ product, changedAt, how }) => ({
    subject: `La tua password di ${product} è stata cambiata`,
    text: [
      'Ciao,',
      '',
      `La password del tuo account ${product} è stata ${how === 'reset' ? 'reimpostata con un codice inviato a questo indirizzo' : 'cambiata'} il ${formatDate(changedAt, 'it')}.`,
      how === 'reset'
        ? 'È stata chiusa la sessione su tutti i dispositivi.'
        : 'È stata chiusa la sessione su tutti gli altri dispositivi.',
      '',
      'Se sei stato tu, non devi fare altro.',
      "Se non sei stato tu, reimposta subito la password e avvisa l'amministratore del tuo account.",
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  mfaResetEmail: ({ product, resetAt }) => ({
    subject: `L'accesso in due passaggi di ${product} è stato reimpostato`,
    text: [
      'Ciao,',
      '',
      `Un amministratore del tuo account ha reimpostato il tuo accesso in due passaggi di ${product} il ${formatDate(resetAt, 'it')}: il numero di telefono e gli altri secondi fattori sono stati rimossi ed è stata chiusa la sessione ovunque.`,
      '',
      'Al prossimo accesso il codice arriverà a questo indirizzo email. Aggiungi di nuovo un numero in Preferenze personali.',
      '',
      "Se non l'hai chiesto al tuo amministratore, avvisalo subito.",
      '',
      `— ${product}`,
    ].join('\n'),
  }),
};

const catalogues: Record<Locale, AccountCatalogue> = { en, es, it };

export const accountMessagesFor = (locale: Locale): AccountCatalogue => catalogues[locale];
