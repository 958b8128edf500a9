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

interface Catalogue {
  loginCodeSms(input: CodeMessageInput): string;
  loginCodeEmail(input: CodeMessageInput): EmailMessage;
}

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
};

const catalogues: Record<Locale, Catalogue> = { en, es, it };

export const messagesFor = (locale: Locale): Catalogue => catalogues[locale];
