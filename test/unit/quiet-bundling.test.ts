import { quietBundlingNotices } from '../../lib/quiet-bundling';

/** The filter `bin/app.ts` puts on stderr unless verboseBundling: CDK's per-asset line goes, the rest stays. */
test('drops only CDK’s "Bundling asset ..." lines, and can be undone', () => {
  const written: string[] = [];
  const stream = {
    write: (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const restore = quietBundlingNotices(stream);
  stream.write('Bundling asset AccountMfaStack/Route-login/Function/Code/Stage...\n');
  stream.write(Buffer.from('Bundling asset AccountMfaStack/Route-me/Function/Code/Stage...\n'));
  stream.write('✘ [ERROR] Could not resolve "x"\n');
  stream.write('Bundling asset took too long? no: a different line\n');
  expect(written).toEqual([
    '✘ [ERROR] Could not resolve "x"\n',
    'Bundling asset took too long? no: a different line\n',
  ]);
  restore();
  stream.write('Bundling asset AccountMfaStack/Route-me/Function/Code/Stage...\n');
  expect(written).toHaveLength(3);
});
