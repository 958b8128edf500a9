/**
 * SNS or SES did not take a message. It says which provider refused, the provider's error name and its
 * request id (for a support case), and never the message, the code or the full destination.
 */
export class DeliveryError extends Error {
  readonly channel: 'sms' | 'email';
  readonly provider: 'sns' | 'ses';
  readonly errorName: string;
  readonly requestId: string | undefined;

  constructor(channel: 'sms' | 'email', cause: unknown) {
    const failure = cause as { name?: string; $metadata?: { requestId?: string } } | undefined;
    const errorName = failure?.name ?? 'UnknownError';
    super(`${channel} delivery failed: ${errorName}`);
    this.name = 'DeliveryError';
    this.channel = channel;
    this.provider = channel === 'sms' ? 'sns' : 'ses';
    this.errorName = errorName;
    this.requestId = failure?.$metadata?.requestId;
  }
}
