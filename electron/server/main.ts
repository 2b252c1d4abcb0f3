/**
 * `npm run serve -- [--project <file.duckdb>] [--sample] [--port N]`: the app in a browser.
 * Prints exactly one line on stdout, the URL with the access token; everything else on stderr.
 */
import { packageVersion } from '../common/packageVersion';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir, findSampleDataDir } from '../common/paths';
import { Engine } from '../engine/service';
import { startServer } from './startServer';
import type { RunningServer } from './startServer';

const USAGE = 'usage: npm run serve -- [--project <file.duckdb>] [--sample] [--port N] [--static <dir>]';
/** Tried first when no port is given, so the address stays the same between runs when it can. */
const PREFERRED_PORT = 5417;

async function listen(engine: Engine, staticDir: string, port: number | undefined): Promise<RunningServer> {
  if (port !== undefined) return startServer({ engine, staticDir, port, host: '127.0.0.1' });
  try {
    return await startServer({ engine, staticDir, port: PREFERRED_PORT, host: '127.0.0.1' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startServer({ engine, staticDir, port: 0, host: '127.0.0.1' });
  }
}

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        project: { type: 'string' },
        sample: { type: 'boolean' },
        port: { type: 'string' },
        static: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`mentor-impact serve: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.error(USAGE);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    console.error(`mentor-impact serve: --port must be a number from 0 to 65535\n${USAGE}`);
    return 2;
  }
  const staticDir = values.static ?? fileURLToPath(new URL('../../dist/renderer', import.meta.url));

  const engine = new Engine({ host: 'browser', dataDir: defaultDataDir(), sampleDataDir: findSampleDataDir(), version: (await packageVersion()) ?? '0.0.0' });
  const opened = values.project
    ? await engine.api.openProject({ path: values.project })
    : values.sample
      ? await engine.api.openSampleProject({})
      : null;
  if (opened && !opened.ok) {
    console.error(`mentor-impact serve: ${opened.error.message}`);
    await engine.closeProject();
    return 1;
  }

  let server: RunningServer;
  try {
    server = await listen(engine, staticDir, port);
  } catch (err) {
    console.error(`mentor-impact serve: cannot listen on 127.0.0.1:${port ?? PREFERRED_PORT}: ${(err as Error).message}`);
    await engine.closeProject();
    return 1;
  }
  process.stdout.write(`${server.url}\n`);
  if (opened?.ok) console.error(`Project: ${opened.value.path}`);
  console.error('Open the URL above in a browser (it carries this session\'s access token). Press Ctrl-C to stop.');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: closing the project…`);
      void (async () => {
        try {
          await server.close();
          await engine.closeProject(); // checkpoints: the .duckdb file alone holds everything
          resolve(0);
        } catch (err) {
          console.error(`mentor-impact serve: ${(err as Error).message}`);
          resolve(1);
        }
      })();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
