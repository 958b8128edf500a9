import { routes } from '../../../lambdas/routes';
import { responseContractBreach } from '../../../local/response-contract';

const settings = routes.getMfaSettings;
const body = {
  enabled: true,
  rememberDeviceDays: 0,
  updatedAt: '2026-12-02T12:00:00.000Z',
  updatedBy: 'a@b.test',
};
const breach = (statusCode: number, answer: unknown) =>
  responseContractBreach(settings, statusCode, answer === undefined ? undefined : JSON.stringify(answer));

describe('the local check of answers against the response schemas', () => {
  test('the described body at the success status keeps the contract', () => {
    expect(breach(200, body)).toBeUndefined();
  });

  test('a field the schema does not describe, a missing one or a wrong type breaks it', () => {
    expect(breach(200, { ...body, extra: 1 })).toMatch(/fields its schema does not describe/);
    const { rememberDeviceDays: _, ...missing } = body;
    expect(breach(200, missing)).toMatch(/rememberDeviceDays/);
    expect(breach(200, { ...body, rememberDeviceDays: 91 })).toMatch(/does not match/);
  });

  test('another success status, or a body where none is promised, breaks it', () => {
    expect(breach(201, body)).toMatch(/answered 201, where the contract says 200/);
    expect(responseContractBreach(routes.forgetAllDevices, 204, undefined)).toBeUndefined();
    expect(responseContractBreach(routes.forgetAllDevices, 204, '{}')).toMatch(/a body with its 204/);
  });

  test('errors need a known code', () => {
    expect(breach(403, { error: { code: 'FORBIDDEN', message: 'No.' } })).toBeUndefined();
    expect(breach(403, { error: { code: 'NOPE', message: 'No.' } })).toMatch(/without a known error code/);
    expect(breach(500, 'oops')).toMatch(/without a known error code/);
  });
});
