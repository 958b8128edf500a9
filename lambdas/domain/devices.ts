import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Remembered devices ("trust this device"): after a sign-in with a code, the browser may keep a device
 * token (256 random bits) that skips the code for this user while it lives. Only its hash is stored, in
 * the user's own record, so a token is bound to the user it was made for.
 */
export const MAX_REMEMBER_DEVICE_DAYS = 90;
/** Oldest devices are forgotten beyond this, so the user record stays small. */
export const MAX_REMEMBERED_DEVICES = 10;

export interface RememberedDevice {
  readonly deviceId: string;
  readonly tokenHash: string;
  readonly label: string;
  readonly createdAt: number;
  readonly lastUsedAt: number;
  readonly expiresAt: number;
}

export const hashDeviceToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');

export function newDevice(
  userAgent: string,
  now: number,
  days: number,
): { token: string; device: RememberedDevice } {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    device: {
      deviceId: randomUUID(),
      tokenHash: hashDeviceToken(token),
      label: deviceLabel(userAgent),
      createdAt: now,
      lastUsedAt: now,
      expiresAt: now + days * 24 * 3600,
    },
  };
}

/**
 * The device a token names, if it is live: not expired, and made after the user's sessions were last
 * revoked (a password reset, logout everywhere, an MFA reset).
 */
export function liveDevice(
  devices: readonly RememberedDevice[],
  token: string,
  now: number,
  validAfter: number | undefined,
): RememberedDevice | undefined {
  const hash = hashDeviceToken(token);
  return devices.find(
    (d) =>
      d.tokenHash === hash && d.expiresAt > now && (validAfter === undefined || d.createdAt >= validAfter),
  );
}

const BROWSERS: readonly [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: readonly [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Chrome on macOS" from a user agent; never the raw string (it is long and may carry anything). */
export function deviceLabel(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Unknown device';
}
