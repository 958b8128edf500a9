#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { propsFromContext } from '../lib/context-props';
import { AccountMfaStack } from '../lib/mfa-stack';
import { quietBundlingNotices } from '../lib/quiet-bundling';

const app = new App();
const stackName: string = app.node.tryGetContext('stackName') || 'AccountMfa';
const props = propsFromContext(app.node);
// `cdk synth --quiet` prints no bundler lines unless asked: -c verboseBundling=true.
if (!props.verboseBundling) quietBundlingNotices();

new AccountMfaStack(app, 'AccountMfaStack', {
  stackName,
  description: 'Account-level MFA service (API Gateway, Lambda, DynamoDB, Cognito, SNS, SES)',
  ...props,
});

// Security rules on every synth; a finding must be fixed or acknowledged with a reason (lib/nag.ts).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
