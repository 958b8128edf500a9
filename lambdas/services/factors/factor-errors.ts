import { ApiError } from '../../domain/errors';

/** The refusals of the factor routes (docs/api.md, Factors). */
export const factorErrors = {
  enrollmentNotFound: () =>
    new ApiError(
      404,
      'ENROLLMENT_NOT_FOUND',
      'This authenticator app setup does not exist or has expired. Start again.',
    ),
  notEnrolled: () => new ApiError(404, 'NOT_ENROLLED', 'You have no authenticator app.'),
  methodNotEnrolled: (method: string) =>
    new ApiError(409, 'METHOD_NOT_ENROLLED', `You cannot sign in with ${method} yet.`),
  deviceNotFound: () => new ApiError(404, 'DEVICE_NOT_FOUND', 'This device is not remembered.'),
};
