#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { propsFromContext } from '../lib/context-props';
import { AccountMfaStack } from '../lib/mfa-stack';

const app = new App();
const stackName: string = app.node.tryGetContext('stackName') || 'AccountMfa';

new AccountMfaStack(app, 'AccountMfaStack', {
  stackName,
  description: 'Account-level MFA service (API Gateway, Lambda, DynamoDB, Cognito, SNS, SES)',
  ...propsFromContext(app.node),
});

// Security rules on every synth; a finding must be fixed or acknowledged with a reason (lib/nag.ts).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
