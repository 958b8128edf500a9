/** The tokens a completed sign-in hands out (Cognito's, passed through). */
export interface Tokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds the id and access tokens have left. */
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
}
