/**
 * CDK writes `Bundling asset <path>...` to stderr for every function it bundles, whatever the bundler's own
 * log level, so `cdk synth --quiet` printed a line per route. Unless bundling output is asked for
 * (`verboseBundling`), those lines are dropped here; everything else written to stderr passes untouched.
 */
const BUNDLING_NOTICE = /^Bundling asset \S+\.\.\.\r?\n?$/;

export function quietBundlingNotices(stream: NodeJS.WriteStream = process.stderr): () => void {
  const write = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
    if (BUNDLING_NOTICE.test(text)) return true;
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  return () => {
    stream.write = write;
  };
}
