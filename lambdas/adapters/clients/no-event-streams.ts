/**
 * What the deployed bundles use in place of `@smithy/core/event-streams` (lib/bundling.ts aliases it to this
 * module). The SDK's protocols import event-stream support on demand, for operations that stream events;
 * none of the clients the routes use has such an operation (test/unit/event-streams.test.ts checks their
 * code), yet the bundler still packs the ~20 KB that every cold start would parse. Should one ever be
 * called, it fails with this message rather than sending a request it cannot read.
 */
const unsupported = (): never => {
  throw new Error(
    'Event streams are not bundled: no route uses an AWS operation that streams events (lib/bundling.ts).',
  );
};

export class EventStreamSerde {
  constructor() {
    unsupported();
  }
}

export const eventStreamSerdeProvider = unsupported;
