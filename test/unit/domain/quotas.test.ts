import { admitToWindows, quotaLifetime, quotaRules } from '../../../lambdas/domain/quotas';
import { testConfig as config } from '../helpers/config';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('the abuse limits as data (docs/api.md, Limits)', () => {
  test('each quota counts over its documented windows, with the documented defaults', () => {
    expect(quotaRules(config())).toEqual({
      'sign-in-sends': { name: 'sign-in-sends', windows: [{ seconds: HOUR, max: 10 }] },
      'phone-validations-per-user': {
        name: 'phone-validations-per-user',
        windows: [
          { seconds: HOUR, max: 3 },
          { seconds: DAY, max: 10 },
        ],
      },
      'phone-validations-per-account': {
        name: 'phone-validations-per-account',
        windows: [{ seconds: DAY, max: 200 }],
      },
      'validation-sends': { name: 'validation-sends', windows: [{ seconds: DAY, max: 3 }] },
      'invitations-per-account': { name: 'invitations-per-account', windows: [{ seconds: DAY, max: 200 }] },
      'invitations-per-address': { name: 'invitations-per-address', windows: [{ seconds: DAY, max: 3 }] },
      'password-resets': { name: 'password-resets', windows: [{ seconds: HOUR, max: 3 }] },
    });
  });

  test('each limit follows its own setting', () => {
    const rules = quotaRules(
      config({
        MFA_MAX_SENDS_PER_DESTINATION_PER_HOUR: '11',
        MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_HOUR: '12',
        MFA_MAX_PHONE_VALIDATIONS_PER_USER_PER_DAY: '13',
        MFA_MAX_PHONE_VALIDATIONS_PER_ACCOUNT_PER_DAY: '14',
        MFA_MAX_VALIDATION_SENDS_PER_DESTINATION_PER_DAY: '15',
        MAX_INVITATIONS_PER_ACCOUNT_PER_DAY: '16',
        MAX_INVITATIONS_PER_ADDRESS_PER_DAY: '17',
        MAX_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '18',
      }),
    );
    expect(Object.values(rules).flatMap((rule) => rule.windows.map((w) => w.max))).toEqual([
      11, 12, 13, 14, 15, 16, 17, 18,
    ]);
  });

  test('a quota item lives as long as its longest window', () => {
    const rules = quotaRules(config());
    expect(quotaLifetime(rules['phone-validations-per-user'])).toBe(DAY);
    expect(quotaLifetime(rules['sign-in-sends'])).toBe(HOUR);
    expect(quotaLifetime({ name: 'password-resets', windows: [{ seconds: 60, max: 1 }] })).toBe(60);
  });
});

describe('admitToWindows: every window must have room', () => {
  const windows = [
    { seconds: HOUR, max: 3 },
    { seconds: DAY, max: 5 },
  ];
  const now = 10 * DAY;

  test('room in both: admitted, keeping the longest window worth of stamps and now, oldest first', () => {
    const stamps = [now - 2 * DAY, now - DAY, now - 5 * HOUR, now - 10];
    expect(admitToWindows(stamps, now, windows)).toEqual({
      admitted: true,
      kept: [now - 5 * HOUR, now - 10, now],
    });
  });

  test('each window counts only its own stamps: stamps of the day do not fill the hour', () => {
    const stamps = [now - 20 * HOUR, now - 10 * HOUR, now - 30 * 60];
    expect(admitToWindows(stamps, now, windows)).toEqual({ admitted: true, kept: [...stamps, now] });
  });

  test('a stamp exactly one window old has left that window', () => {
    const stamps = [now - HOUR, now - 20 * 60, now - 10 * 60];
    expect(admitToWindows(stamps, now, windows)).toEqual({ admitted: true, kept: [...stamps, now] });
  });

  test('the short window full: refused until its oldest stamp leaves it', () => {
    const stamps = [now - 50 * 60, now - 20 * 60, now - 60];
    expect(admitToWindows(stamps, now, windows)).toEqual({ admitted: false, retryAfter: 10 * 60 });
  });

  test('the long window full while the short one has room: refused until the day frees a slot', () => {
    const stamps = [now - 20 * HOUR, now - 10 * HOUR, now - 8 * HOUR, now - 6 * HOUR, now - 2 * HOUR];
    expect(admitToWindows(stamps, now, windows)).toEqual({ admitted: false, retryAfter: 4 * HOUR });
  });

  test('both full: the longer of the two waits', () => {
    const stamps = [now - 23 * HOUR, now - 22 * HOUR, now - 30 * 60, now - 20 * 60, now - 10 * 60];
    expect(admitToWindows(stamps, now, windows)).toEqual({ admitted: false, retryAfter: HOUR });
  });

  test('the order of the windows does not matter', () => {
    const stamps = [now - 23 * HOUR, now - 22 * HOUR, now - 30 * 60, now - 20 * 60, now - 10 * 60];
    expect(admitToWindows(stamps, now, [...windows].reverse())).toEqual({
      admitted: false,
      retryAfter: HOUR,
    });
  });
});
