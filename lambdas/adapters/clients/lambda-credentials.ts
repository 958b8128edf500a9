import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What the deployed bundles use in place of the SDK's default credential chain (lib/bundling.ts aliases
 * `@aws-sdk/credential-provider-node` to this module). In Lambda the chain always ends at its first link,
 * the function role's credentials in the environment, so the other links (SSO, STS, web identity,
 * instance metadata, files) are ~60 KB of every bundle and of every cold start that are never used.
 * Tests and the local stack run unbundled, with the SDK's own chain.
 */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
