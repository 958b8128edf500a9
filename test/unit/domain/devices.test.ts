import {
  deviceLabel,
  hashDeviceToken,
  liveDevice,
  newDevice,
  type RememberedDevice,
} from '../../../lambdas/domain/devices';

const NOW = 1_800_000_000;
const DAY = 24 * 3600;

describe('remembered devices', () => {
  test('a new device: a 256-bit token, only its hash kept, the label, and an expiry in days', () => {
    const { token, device } = newDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) Chrome/130.0', NOW, 30);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(device.tokenHash).toBe(hashDeviceToken(token));
    expect(JSON.stringify(device)).not.toContain(token);
    expect(device).toMatchObject({ label: 'Chrome on macOS', createdAt: NOW, lastUsedAt: NOW });
    expect(device.expiresAt).toBe(NOW + 30 * DAY);
    expect(device.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(newDevice('', NOW, 30).token).not.toBe(token);
  });

  describe('which device a token opens', () => {
    const a = newDevice('Firefox/131.0 (X11; Linux x86_64)', NOW - 10 * DAY, 30);
    const b = newDevice('Firefox/131.0 (X11; Linux x86_64)', NOW - DAY, 30);
    const devices: RememberedDevice[] = [a.device, b.device];

    test('its own device while it lives', () => {
      expect(liveDevice(devices, a.token, NOW, undefined)).toEqual(a.device);
      expect(liveDevice(devices, b.token, NOW, undefined)).toEqual(b.device);
    });

    test('none once expired (the expiry second included)', () => {
      expect(liveDevice(devices, a.token, a.device.expiresAt, undefined)).toBeUndefined();
      expect(liveDevice(devices, a.token, a.device.expiresAt - 1, undefined)).toEqual(a.device);
    });

    test('none when remembered before the user’s devices were revoked', () => {
      expect(liveDevice(devices, a.token, NOW, a.device.createdAt + 1)).toBeUndefined();
      expect(liveDevice(devices, a.token, NOW, a.device.createdAt)).toEqual(a.device);
      expect(liveDevice(devices, b.token, NOW, a.device.createdAt + 1)).toEqual(b.device);
    });

    test('none for an unknown token or another user’s list', () => {
      expect(liveDevice(devices, newDevice('', NOW, 30).token, NOW, undefined)).toBeUndefined();
      expect(liveDevice([b.device], a.token, NOW, undefined)).toBeUndefined();
      expect(liveDevice(devices, '', NOW, undefined)).toBeUndefined();
    });
  });

  test.each`
    userAgent                                                                                                  | label
    ${'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0'}     | ${'Edge on Windows'}
    ${'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1'} | ${'Safari on iOS'}
    ${'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36'}                  | ${'Chrome on Android'}
    ${'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0'}                                | ${'Firefox on Linux'}
    ${'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 OPR/114.0'}                 | ${'Opera on Windows'}
    ${'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 Chrome/130.0 Safari/537.36'}                | ${'Chrome on ChromeOS'}
    ${'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15'}        | ${'Safari on macOS'}
    ${'SomeBrowser/1.0 (Windows NT 10.0)'}                                                                     | ${'Windows'}
    ${'Firefox/131.0'}                                                                                         | ${'Firefox'}
    ${'curl/8.5.0'}                                                                                            | ${'Unknown device'}
    ${''}                                                                                                      | ${'Unknown device'}
  `('"$label" from its user agent, never the raw string', ({ userAgent, label }) => {
    expect(deviceLabel(userAgent)).toBe(label);
  });
});
