/** Jest globalTeardown of the `integration` project: stops what global-setup.ts started. */
export default async function globalTeardown(): Promise<void> {
  const standIns = globalThis.__MFA_STANDINS__;
  globalThis.__MFA_STANDINS__ = undefined;
  await standIns?.stop();
}
