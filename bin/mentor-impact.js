#!/usr/bin/env node
// The `mentor-impact` command: runs the bundled command line (dist-electron/cli.cjs).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist-electron', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write(
    'mentor-impact: the command line is not built yet. Run `npm run build:electron` first ' +
      '(or, in a checkout, `npm run cli -- <command> …`).\n',
  );
  process.exit(1);
}

/** @type {{ main(argv: string[]): Promise<number> }} */
const { main } = createRequire(import.meta.url)(cli);
main(process.argv.slice(2)).then((code) => process.exit(code));
