import { readFile } from 'node:fs/promises';

/** The app's version from package.json at the checkout's root; undefined when it cannot be read (e.g. from a bundle). */
export async function packageVersion(): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}
