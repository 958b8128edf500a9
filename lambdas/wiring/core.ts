import { type Config, config } from '../config';

/**
 * The parts every use case has: the validated configuration (read once, at start: a bad setting stops
 * the function's start-up with a message that names it) and the clock.
 */
export const core = (): { readonly config: Config; readonly now: () => Date } => ({
  config: config(),
  now: () => new Date(),
});
