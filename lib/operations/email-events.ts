import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** CloudWatch dimension of the SES event metrics: SES's auto-tag with the configuration set's name. */
export const SES_EVENT_DIMENSION = 'ses:configuration-set';

/** The SES events that become `AWS/SES` metrics (Send and Delivery give the denominators on the dashboard). */
export const SES_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
] as const;

/**
 * The SES configuration set the email senders use (`SES_CONFIGURATION_SET`): reputation metrics on,
 * bounced and complained-about addresses suppressed, TLS required to the receiving server (codes must not
 * travel in clear; a server without TLS means a bounce, visible on the dashboard), and an event destination
 * that turns send, delivery, bounce, complaint, reject and delivery-delay events into CloudWatch metrics
 * (`AWS/SES`, dimension `ses:configuration-set`).
 */
export class EmailEvents extends Construct {
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    this.configurationSet.addEventDestination('ToCloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: SES_EVENT_DIMENSION,
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: this.configurationSet.configurationSetName,
        },
      ]),
      events: [...SES_EVENTS],
    });
  }

  get name(): string {
    return this.configurationSet.configurationSetName;
  }
}
