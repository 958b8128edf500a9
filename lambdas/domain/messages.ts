import type { Locale } from './locale';

/**
 * Every text the service sends, in every language. SMS texts must stay in GSM-7 and one 160-character
 * segment (a unit test checks each with the longest values); the code never goes in an email subject.
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

interface Catalogue {
  loginCodeSms(input: CodeMessageInput): string;
  loginCodeEmail(input: CodeMessageInput): EmailMessage;
  invitationEmail(input: InvitationMessageInput): EmailMessage;
}

/** A date as the reader's language writes it, in UTC so that it means the same everywhere. */
const formatDate = (date: Date, locale: Locale): string =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;

const en: Catalogue = {
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
    subject: `${inviterName} invited you to ${accountName} on ${product}`,
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
    subject: `${inviterName} te ha invitado a ${accountName} en ${product}`,
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
    subject: `${inviterName} ti ha invitato in ${accountName} su ${product}`,
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
