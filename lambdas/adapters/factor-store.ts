import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RememberedDevice } from '../domain/devices';
import type { PreferredMethod } from '../domain/mfa-policy';
import { ifConditionHolds } from './dynamo-errors';
import type { ItemRef } from './item-reader';

/**
 * A user's second factors beyond the phone, in their `USER#<userId>` record of the settings table (the
 * fields here are this store's own; user-store.ts owns the others): the authenticator app's secret,
 * sealed, with the last time step it accepted; the recovery codes' HMACs as a string set; the preferred
 * method; and the remembered devices, one attribute each. Every change is one conditional update, so a
 * TOTP code or a recovery code is taken once however many requests race.
 */
export interface Factors {
  readonly totp:
    | { readonly sealedSecret: string; readonly enabledAt: number; readonly lastStep: number }
    | undefined;
  readonly recoveryCodeDigests: readonly string[];
  readonly preferred: PreferredMethod | undefined;
  readonly devices: readonly RememberedDevice[];
  /** Devices remembered before this (epoch seconds) are forgotten. */
  readonly devicesValidAfter: number | undefined;
}

export interface FactorStore {
  ref(userId: string): ItemRef;
  fromItem(item: Record<string, unknown> | undefined): Factors;
  get(userId: string): Promise<Factors>;
  /** Sets (or replaces) the app; `acceptedStep` is the step of the code that proved it (never usable again). */
  setTotp(userId: string, sealedSecret: string, now: number, acceptedStep: number): Promise<void>;
  /** False when there was none. */
  removeTotp(userId: string): Promise<boolean>;
  /** Takes a TOTP time step if it is later than every step taken before; false for a replay. */
  acceptTotpStep(userId: string, step: number): Promise<boolean>;
  /** Replaces every recovery code (earlier ones die). */
  setRecoveryCodes(userId: string, digests: readonly string[]): Promise<void>;
  /** Uses one recovery code; the codes left, or undefined when it is not (or no longer) a code. */
  useRecoveryCode(userId: string, digest: string): Promise<number | undefined>;
  setPreferred(userId: string, method: PreferredMethod | undefined): Promise<void>;
  /** Remembers a device, forgetting the ones listed (the oldest, beyond the cap). */
  addDevice(userId: string, device: RememberedDevice, forget: readonly string[]): Promise<void>;
  touchDevice(userId: string, deviceId: string, now: number): Promise<void>;
  /** False when there was no such device. */
  removeDevice(userId: string, deviceId: string): Promise<boolean>;
  /** Forgets every device, including any remembered in a race (by their creation time). */
  removeAllDevices(userId: string, now: number): Promise<void>;
  /** MFA reset: the authenticator app, recovery codes, preference and devices, all gone. */
  clearAll(userId: string, now: number): Promise<void>;
}

const key = (userId: string) => ({ pk: `USER#${userId}` });
const DEVICE_PREFIX = 'device_';
const deviceAttribute = (deviceId: string) => `${DEVICE_PREFIX}${deviceId.replace(/[^A-Za-z0-9]/g, '')}`;

export function factorsFromItem(item: Record<string, unknown> | undefined): Factors {
  const codes = item?.recoveryCodes;
  return {
    totp:
      typeof item?.totpSecret === 'string'
        ? {
            sealedSecret: item.totpSecret,
            enabledAt: Number(item.totpEnabledAt ?? 0),
            lastStep: Number(item.totpLastStep ?? 0),
          }
        : undefined,
    recoveryCodeDigests:
      codes instanceof Set ? [...(codes as Set<string>)] : Array.isArray(codes) ? (codes as string[]) : [],
    preferred: ['totp', 'sms', 'email'].includes(String(item?.preferredMethod))
      ? (item?.preferredMethod as PreferredMethod)
      : undefined,
    devices: Object.entries(item ?? {})
      .filter(([name]) => name.startsWith(DEVICE_PREFIX))
      .map(([, device]) => device as RememberedDevice)
      .sort((a, b) => a.createdAt - b.createdAt),
    devicesValidAfter: typeof item?.devicesValidAfter === 'number' ? item.devicesValidAfter : undefined,
  };
}

export function dynamoFactorStore(client: DynamoDBDocumentClient, tableName: string): FactorStore {
  const update = (
    userId: string,
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ) => client.send(new UpdateCommand({ TableName: tableName, Key: key(userId), ...input }));
  const held = async (write: () => Promise<unknown>) => (await ifConditionHolds(write)) !== undefined;
  const get = async (userId: string) =>
    factorsFromItem(
      (await client.send(new GetCommand({ TableName: tableName, Key: key(userId), ConsistentRead: true })))
        .Item,
    );

  return {
    ref: (userId) => ({ tableName, key: key(userId) }),
    fromItem: factorsFromItem,
    get,

    async setTotp(userId, sealedSecret, now, acceptedStep) {
      await update(userId, {
        UpdateExpression:
          'SET #type = :type, userId = :user, totpSecret = :secret, totpEnabledAt = :now, totpLastStep = :step',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'user',
          ':user': userId,
          ':secret': sealedSecret,
          ':now': now,
          ':step': acceptedStep,
        },
      });
    },

    removeTotp: (userId) =>
      held(() =>
        update(userId, {
          UpdateExpression: 'REMOVE totpSecret, totpEnabledAt, totpLastStep',
          ConditionExpression: 'attribute_exists(totpSecret)',
        }),
      ),

    acceptTotpStep: (userId, step) =>
      held(() =>
        update(userId, {
          UpdateExpression: 'SET totpLastStep = :step',
          ConditionExpression: 'attribute_exists(totpSecret) AND totpLastStep < :step',
          ExpressionAttributeValues: { ':step': step },
        }),
      ),

    async setRecoveryCodes(userId, digests) {
      await update(userId, {
        UpdateExpression: 'SET #type = :type, userId = :user, recoveryCodes = :codes',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'user', ':user': userId, ':codes': new Set(digests) },
      });
    },

    useRecoveryCode: (userId, digest) =>
      ifConditionHolds(async () => {
        const { Attributes } = await update(userId, {
          UpdateExpression: 'DELETE recoveryCodes :code',
          ConditionExpression: 'contains(recoveryCodes, :digest)',
          ExpressionAttributeValues: { ':code': new Set([digest]), ':digest': digest },
          ReturnValues: 'UPDATED_NEW',
        });
        const left = Attributes?.recoveryCodes;
        return left instanceof Set ? left.size : 0;
      }),

    async setPreferred(userId, method) {
      await update(
        userId,
        method
          ? {
              UpdateExpression: 'SET #type = :type, userId = :user, preferredMethod = :method',
              ExpressionAttributeNames: { '#type': 'type' },
              ExpressionAttributeValues: { ':type': 'user', ':user': userId, ':method': method },
            }
          : { UpdateExpression: 'REMOVE preferredMethod' },
      );
    },

    async addDevice(userId, device, forget) {
      const names: Record<string, string> = { '#type': 'type', '#device': deviceAttribute(device.deviceId) };
      forget.forEach((id, i) => {
        names[`#forget${i}`] = deviceAttribute(id);
      });
      await update(userId, {
        UpdateExpression:
          `SET #type = :type, userId = :user, #device = :device` +
          (forget.length ? ` REMOVE ${forget.map((_, i) => `#forget${i}`).join(', ')}` : ''),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':type': 'user', ':user': userId, ':device': device },
      });
    },

    async touchDevice(userId, deviceId, now) {
      await ifConditionHolds(() =>
        update(userId, {
          UpdateExpression: 'SET #device.lastUsedAt = :now',
          ConditionExpression: 'attribute_exists(#device)',
          ExpressionAttributeNames: { '#device': deviceAttribute(deviceId) },
          ExpressionAttributeValues: { ':now': now },
        }),
      );
    },

    removeDevice: (userId, deviceId) =>
      held(() =>
        update(userId, {
          UpdateExpression: 'REMOVE #device',
          ConditionExpression: 'attribute_exists(#device)',
          ExpressionAttributeNames: { '#device': deviceAttribute(deviceId) },
        }),
      ),

    async removeAllDevices(userId, now) {
      const { devices } = await get(userId);
      const names = Object.fromEntries(devices.map((d, i) => [`#d${i}`, deviceAttribute(d.deviceId)]));
      await update(userId, {
        UpdateExpression:
          'SET #type = :type, userId = :user, devicesValidAfter = :now' +
          (devices.length ? ` REMOVE ${devices.map((_, i) => `#d${i}`).join(', ')}` : ''),
        ExpressionAttributeNames: { '#type': 'type', ...names },
        ExpressionAttributeValues: { ':type': 'user', ':user': userId, ':now': now },
      });
    },

    async clearAll(userId, now) {
      const { devices } = await get(userId);
      const names = Object.fromEntries(devices.map((d, i) => [`#d${i}`, deviceAttribute(d.deviceId)]));
      await update(userId, {
        UpdateExpression:
          'SET #type = :type, userId = :user, devicesValidAfter = :now' +
          ' REMOVE totpSecret, totpEnabledAt, totpLastStep, recoveryCodes, preferredMethod' +
          devices.map((_, i) => `, #d${i}`).join(''),
        ExpressionAttributeNames: { '#type': 'type', ...names },
        ExpressionAttributeValues: { ':type': 'user', ':user': userId, ':now': now },
      });
    },
  };
}
