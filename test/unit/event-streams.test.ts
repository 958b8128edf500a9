import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventStreamSerde, eventStreamSerdeProvider } from '../../lambdas/adapters/clients/no-event-streams';
import { BUNDLING, NO_EVENT_STREAMS } from '../../lib/bundling';
import { filesUnder } from './helpers/files';

/**
 * The bundles replace the SDK's event-stream support with a module that refuses (lib/bundling.ts). That is
 * only right while no client the functions use has an operation that streams events, and while the SDK
 * still loads that support by the path the alias names.
 */
const ROOT = resolve(__dirname, '../..');

const clientsUsedByFunctions = (): string[] => {
  const clients = new Set<string>();
  for (const file of filesUnder(join(ROOT, 'lambdas')).filter((f) => f.endsWith('.ts')))
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(@aws-sdk\/client-[a-z0-9-]+)'/g))
      clients.add(match[1]!);
  return [...clients].sort();
};

test('the functions use these SDK clients, none of which has an operation that streams events', () => {
  const clients = clientsUsedByFunctions();
  expect(clients).toEqual([
    '@aws-sdk/client-cognito-identity-provider',
    '@aws-sdk/client-dynamodb',
    '@aws-sdk/client-secrets-manager',
    '@aws-sdk/client-ses',
    '@aws-sdk/client-sns',
  ]);
  for (const client of clients) {
    const code = filesUnder(join(ROOT, 'node_modules', client, 'dist-es'));
    expect(code.length).toBeGreaterThan(10);
    const streaming = code.filter((file) => /eventstream/i.test(readFileSync(file, 'utf8')));
    expect({ client, streaming }).toEqual({ client, streaming: [] });
  }
});

test("the alias names the path by which the SDK's protocols load event-stream support", () => {
  expect(BUNDLING.alias['@smithy/core/event-streams']).toBe(NO_EVENT_STREAMS);
  const protocol = readFileSync(
    join(ROOT, 'node_modules/@smithy/core/dist-es/submodules/protocols/HttpProtocol.js'),
    'utf8',
  );
  expect(protocol).toContain('import("@smithy/core/event-streams")');
});

test('should an operation ever stream events, the bundles say why it cannot', () => {
  expect(() => new EventStreamSerde()).toThrow(/Event streams are not bundled/);
  expect(() => eventStreamSerdeProvider()).toThrow(/no route uses an AWS operation that streams events/);
});
