import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below `dir`, at any depth, as full paths. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
