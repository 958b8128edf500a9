/**
 * What every command a user runs shares: `--help` (usage on stdout, exit 0) and an output free of the AWS
 * SDK's notices. The machines here run Node 20 (Lambda runs 22): the SDK v3 would print an 8-line
 * NodeVersionSupportWarning, and cognito-local's SDK v2 a maintenance-mode note, on every run.
 */
export function quietSdkNotices(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
}

/** Prints `usage` and exits 0 when the arguments ask for help (`--help` or `-h`). */
export function exitWithUsageOnHelp(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  if (!argv.some((arg) => arg === '--help' || arg === '-h')) return;
  process.stdout.write(`${usage.trim()}\n`);
  process.exit(0);
}
