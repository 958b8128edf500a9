import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from './nag';
import { COGNITO_FEATURE_PLANS, type CognitoFeaturePlan } from './stack-props';

/** Custom attributes the service writes (as `custom:<name>`); the app client may read but never write them. */
export const CUSTOM_ATTRIBUTES = ['account_id', 'role', 'mfa_required'] as const;

export interface MfaUserPoolProps {
  /** The Cognito feature plan (lib/stack-props.ts `cognitoFeaturePlan`). @default 'LITE' */
  readonly featurePlan?: CognitoFeaturePlan;
}

/**
 * Users and passwords. Users are created by the service (invitations), sign in with their email
 * through the login Lambda (ADMIN_USER_PASSWORD_AUTH), and get their second factor from this service.
 */
export class MfaUserPool extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: MfaUserPoolProps = {}) {
    super(scope, id);
    const plan = props.featurePlan ?? 'LITE';
    if (!COGNITO_FEATURE_PLANS.includes(plan)) {
      throw new Error(
        `Stack prop "cognitoFeaturePlan" must be one of ${COGNITO_FEATURE_PLANS.join(', ')}, got "${plan}": ` +
          'Plus threat protection would judge the login Lambda, not the user, since sign-in does not pass ContextData',
      );
    }
    this.pool = new UserPool(this, 'Pool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      selfSignUpEnabled: false,
      autoVerify: { email: false, phone: false },
      enableSmsRole: false,
      accountRecovery: AccountRecovery.NONE,
      featurePlan: FeaturePlan[plan],
      mfa: Mfa.OFF,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(7),
      },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
        phoneNumber: { required: false, mutable: true },
        locale: { required: false, mutable: true },
      },
      customAttributes: {
        account_id: new StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
        role: new StringAttribute({ minLen: 1, maxLen: 16, mutable: true }),
        mfa_required: new StringAttribute({ minLen: 1, maxLen: 5, mutable: true }),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.pool.addClient('ApiClient', {
      generateSecret: false,
      authFlows: { adminUserPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      // The id token carries what the authorizer and handlers read, custom attributes included.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({
          email: true,
          emailVerified: true,
          fullname: true,
          phoneNumber: true,
          phoneNumberVerified: true,
          locale: true,
        })
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
      // Only cosmetic attributes: email and the MFA phone change through this service's verified flows,
      // tenant, role and MFA flag only through the service (admin APIs).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
    });

    acknowledge(
      this.pool,
      'AwsSolutions-COG1',
      'Password policy follows NIST SP 800-63B-4 3.1.1.2 and ASVS 5.0 6.2.5: minimum length 12 and no ' +
        'composition rules (they SHALL NOT be imposed); the service adds lockout counters per user.',
    );
    acknowledge(
      this.pool,
      'AwsSolutions-COG2',
      'MFA is required per account (an admin setting), not per pool: this service enforces it on every ' +
        'login of such accounts with SMS/email one-time codes, so the Cognito pool MFA stays OFF.',
    );
    acknowledge(
      this.pool,
      'AwsSolutions-COG8',
      `${plan} plan on purpose, not Plus: sign-in runs server-side (the login Lambda calls AdminInitiateAuth with ` +
        'ADMIN_USER_PASSWORD_AUTH) and passes no ContextData, so Plus threat protection would see the Lambda, ' +
        "not the user's IP and device. The same risks are covered by the service: per-user lockout counters, a " +
        'breached-password list at registration, and WAF per-IP rate rules on sign-in and on every route.',
    );
  }
}
