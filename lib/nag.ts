import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Shortest reason accepted for an acknowledged cdk-nag finding (the infra tests check it too). */
export const MIN_REASON_LENGTH = 30;

/**
 * Acknowledges one cdk-nag finding on a construct and its children, with a written reason.
 * `id` is a rule (`AwsSolutions-COG2`) or a finding (`AwsSolutions-IAM5[Resource::*]`).
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `The acknowledgement of ${id} on ${scope.node.path} needs a reason of ${MIN_REASON_LENGTH}+ characters`,
    );
  }
  Validations.of(scope).acknowledge({ id, reason });
}
