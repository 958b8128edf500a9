/** The GSM 03.38 basic character set and its extension table (extension characters cost two septets). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENDED = '^{}\\[~]|€\f';

/** Septets the text needs in GSM-7, or undefined when it needs UCS-2 (then one segment is only 70 chars). */
export function gsm7Length(text: string): number | undefined {
  let septets = 0;
  for (const char of text) {
    if (BASIC.includes(char)) septets += 1;
    else if (EXTENDED.includes(char)) septets += 2;
    else return undefined;
  }
  return septets;
}

export const SMS_SEGMENT_SEPTETS = 160;

export const fitsOneSmsSegment = (text: string): boolean => {
  const length = gsm7Length(text);
  return (length ?? Number.POSITIVE_INFINITY) <= SMS_SEGMENT_SEPTETS;
};
