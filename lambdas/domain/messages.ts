import type { Locale } from './locale';

/**
 * Every text the service sends, in every language. SMS texts must stay in GSM-7 and one 160-character
 * segment (a unit test checks each with the longest values); the code never goes in an email subject, and
 * neither does any text a user typed (names): subjects hold only the operator's product name. Bodies are
 * plain text, so nothing a user typed can become markup.
 */
export interface EmailMessage {
  readonly subject: string;
  readonly text: string;
}

export interface CodeMessageInput {
  readonly product: string;
  readonly code: string;
  readonly minutes: number;
}

export interface InvitationMessageInput {
  readonly product: string;
  readonly accountName: string;
  readonly inviterName: string;
  readonly url: string;
  readonly expiresAt: Date;
  readonly mfaRequired: boolean;
}

export interface PhoneChangedInput {
  readonly product: string;
  readonly maskedPhone: string;
  readonly changedAt: Date;
}

interface Catalogue {
  loginCodeSms(input: CodeMessageInput): string;
  loginCodeEmail(input: CodeMessageInput): EmailMessage;
  phoneCodeSms(input: CodeMessageInput): string;
  invitationEmail(input: InvitationMessageInput): EmailMessage;
  /** NIST 800-63B §4.6: the user hears of the change on independent channels, with what to do if it was not them. */
  phoneChangedEmail(input: PhoneChangedInput): EmailMessage;
  phoneChangedSms(input: PhoneChangedInput): string;
  /** What the phone change's Verify step answers (the seed's green message). */
  phoneValidated(): string;
}

/** A short UTC time for SMS, the same in every language: 2026-11-27 20:26 UTC. */
const smsTime = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A date as the reader's language writes it, in UTC so that it means the same everywhere. */
const formatDate = (date: Date, locale: Locale): string =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;

const en: Catalogue = {
  phoneValidated: () => 'Your phone number has been validated',
  phoneCodeSms: ({ product, code, minutes }) =>
    `${product}: your code to confirm this phone is ${code}. It expires in ${minutes} min. Never share it.`,
  phoneChangedSms: ({ product, maskedPhone, changedAt }) =>
    `${product}: sign-in phone changed to ${maskedPhone} at ${smsTime(changedAt)}. Not you? Reset your password, tell your admin.`,
  phoneChangedEmail: ({ product, maskedPhone, changedAt }) => ({
    subject: `Your ${product} sign-in phone number was changed`,
    text: [
      'Hello,',
      '',
      `The phone number that receives your ${product} sign-in codes was changed to ${maskedPhone} on ${formatDate(changedAt, 'en')}.`,
      '',
      'If you made this change, there is nothing else to do.',
      'If you did not, someone may have access to your account: reset your password now and tell your account administrator, who can restore your number.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  loginCodeSms: ({ product, code, minutes }) =>
    `${product}: your sign-in code is ${code}. It expires in ${minutes} min. Never share it; we will never ask for it.`,
  loginCodeEmail: ({ product, code, minutes }) => ({
    subject: `Your ${product} sign-in code`,
    text: [
      'Hello,',
      '',
      `Your ${product} sign-in code is: ${code}`,
      '',
      `It expires in ${minutes} minutes and can be used once.`,
      'Never share this code. We will never ask you for it.',
      '',
      'If you did not try to sign in, someone may know your password: change it now.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  invitationEmail: ({ product, accountName, inviterName, url, expiresAt, mfaRequired }) => ({
    subject: `Your invitation to ${product}`,
    text: [
      'Hello,',
      '',
      `${inviterName} invited you to join ${accountName} on ${product}.`,
      '',
      `Create your account here: ${url}`,
      '',
      `The invitation expires on ${formatDate(expiresAt, 'en')} and works once.`,
      ...(mfaRequired
        ? [
            '',
            `${accountName} requires two-step sign-in: you will get a code by text message (or by email) when you sign in.`,
          ]
        : []),
      '',
      'If you were not expecting this invitation, you can ignore this email.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
};

const es: Catalogue = {
  phoneValidated: () => 'Se ha validado tu número de teléfono',
  phoneCodeSms: ({ product, code, minutes }) =>
    `${product}: tu codigo para confirmar este telefono es ${code}. Caduca en ${minutes} min. No lo compartas.`,
  phoneChangedSms: ({ product, maskedPhone, changedAt }) =>
    `${product}: telefono cambiado a ${maskedPhone} el ${smsTime(changedAt)}. ¿No fuiste tu? Cambia la clave, avisa al admin.`,
  phoneChangedEmail: ({ product, maskedPhone, changedAt }) => ({
    subject: `Se ha cambiado tu número de teléfono de acceso a ${product}`,
    text: [
      'Hola:',
      '',
      `El número de teléfono que recibe tus códigos de acceso a ${product} se cambió a ${maskedPhone} el ${formatDate(changedAt, 'es')}.`,
      '',
      'Si has hecho tú este cambio, no tienes que hacer nada más.',
      'Si no, alguien podría tener acceso a tu cuenta: cambia tu contraseña ahora y avisa al administrador de tu cuenta, que puede restaurar tu número.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  loginCodeSms: ({ product, code, minutes }) =>
    `${product}: tu codigo de acceso es ${code}. Caduca en ${minutes} min. No lo compartas; nunca te lo pediremos.`,
  loginCodeEmail: ({ product, code, minutes }) => ({
    subject: `Tu código de acceso a ${product}`,
    text: [
      'Hola:',
      '',
      `Tu código de acceso a ${product} es: ${code}`,
      '',
      `Caduca en ${minutes} minutos y solo se puede usar una vez.`,
      'No compartas este código. Nunca te lo pediremos.',
      '',
      'Si no has intentado iniciar sesión, alguien podría conocer tu contraseña: cámbiala ahora.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  invitationEmail: ({ product, accountName, inviterName, url, expiresAt, mfaRequired }) => ({
    subject: `Tu invitación a ${product}`,
    text: [
      'Hola:',
      '',
      `${inviterName} te ha invitado a unirte a ${accountName} en ${product}.`,
      '',
      `Crea tu cuenta aquí: ${url}`,
      '',
      `La invitación caduca el ${formatDate(expiresAt, 'es')} y solo se puede usar una vez.`,
      ...(mfaRequired
        ? [
            '',
            `${accountName} exige el inicio de sesión en dos pasos: recibirás un código por SMS (o por correo) al iniciar sesión.`,
          ]
        : []),
      '',
      'Si no esperabas esta invitación, puedes ignorar este correo.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
};

const it: Catalogue = {
  phoneValidated: () => 'Il tuo numero di telefono è stato convalidato',
  phoneCodeSms: ({ product, code, minutes }) =>
    `${product}: il codice per confermare questo telefono è ${code}. Scade tra ${minutes} min. Non condividerlo.`,
  phoneChangedSms: ({ product, maskedPhone, changedAt }) =>
    `${product}: telefono cambiato in ${maskedPhone} il ${smsTime(changedAt)}. Non sei tu? Cambia password, avvisa l'admin.`,
  phoneChangedEmail: ({ product, maskedPhone, changedAt }) => ({
    subject: `Il numero di telefono di accesso a ${product} è stato cambiato`,
    text: [
      'Ciao,',
      '',
      `Il numero di telefono che riceve i tuoi codici di accesso a ${product} è stato cambiato in ${maskedPhone} il ${formatDate(changedAt, 'it')}.`,
      '',
      'Se hai fatto tu questa modifica, non devi fare altro.',
      "Se non sei stato tu, qualcuno potrebbe avere accesso al tuo account: cambia subito la password e avvisa l'amministratore del tuo account, che può ripristinare il tuo numero.",
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  loginCodeSms: ({ product, code, minutes }) =>
    `${product}: il tuo codice di accesso è ${code}. Scade tra ${minutes} min. Non condividerlo; non te lo chiederemo mai.`,
  loginCodeEmail: ({ product, code, minutes }) => ({
    subject: `Il tuo codice di accesso a ${product}`,
    text: [
      'Ciao,',
      '',
      `Il tuo codice di accesso a ${product} è: ${code}`,
      '',
      `Scade tra ${minutes} minuti e si può usare una sola volta.`,
      'Non condividere questo codice. Non te lo chiederemo mai.',
      '',
      'Se non hai provato ad accedere, qualcuno potrebbe conoscere la tua password: cambiala subito.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
  invitationEmail: ({ product, accountName, inviterName, url, expiresAt, mfaRequired }) => ({
    subject: `Il tuo invito a ${product}`,
    text: [
      'Ciao,',
      '',
      `${inviterName} ti ha invitato a unirti a ${accountName} su ${product}.`,
      '',
      `Crea il tuo account qui: ${url}`,
      '',
      `L'invito scade il ${formatDate(expiresAt, 'it')} e si può usare una sola volta.`,
      ...(mfaRequired
        ? [
            '',
            `${accountName} richiede l'accesso in due passaggi: riceverai un codice via SMS (o via email) quando accedi.`,
          ]
        : []),
      '',
      'Se non aspettavi questo invito, puoi ignorare questa email.',
      '',
      `— ${product}`,
    ].join('\n'),
  }),
};

const catalogues: Record<Locale, Catalogue> = { en, es, it };

export const messagesFor = (locale: Locale): Catalogue => catalogues[locale];
