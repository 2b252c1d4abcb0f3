#!/usr/bin/env node
/**
 * `npm run lint:electron`: Doyensec's Electronegativity over the Electron app's sources
 * (electron/, shared/, renderer/index.html + renderer/src, package.json), fully offline.
 *
 *   node scripts/electronegativity.mjs [--json] [--input DIR]
 *
 * --input scans DIR instead of the app's sources, without the accepted list (the tests use it
 * on a known-bad fixture).
 *
 * Offline: the tool fetches translations from the web on every start and its
 * AvailableSecurityFixesGlobalCheck downloads Electron's release list. The first is
 * answered here by a stub of the `got` HTTP client (the bundled English texts are used),
 * the second check is excluded (Electron is pinned and upgraded deliberately), and any
 * socket the tool still opened would fail at once and fail the run.
 *
 * Exit 1 when a finding above INFORMATIONAL is not accepted, with its written reason, in
 * electron/electronegativity-accepted.json (see electron/SECURITY.md), or when a file
 * could not be parsed.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ACCEPTED_FILE = join(ROOT, 'electron', 'electronegativity-accepted.json');
/** Needs the network (Electron's release list from GitHub); Electron is pinned in package.json. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
/** What Electronegativity should see: the sources that make up the app, nothing else (tests use a fake electron). */
const SOURCES = ['electron', 'shared', 'renderer/index.html', 'renderer/src', 'package.json'];

// --- no network ----------------------------------------------------------------------
/** URLs the tool asked its HTTP client for (answered offline); sockets it tried to open (a failure). */
const skippedDownloads = [];
const attempts = [];
const offlineGot = (url) => {
  skippedDownloads.push(String(url));
  return Promise.reject(new Error('offline: electronegativity may not use the network'));
};
offlineGot.head = offlineGot;
offlineGot.get = offlineGot;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'got' ? offlineGot : load.call(this, request, ...rest);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  attempts.push(`socket ${JSON.stringify(args[0])}`);
  process.nextTick(() => this.destroy(new Error('offline: electronegativity may not use the network')));
  return this;
};

function readAccepted() {
  const list = JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${ACCEPTED_FILE}: expected an array`);
  for (const a of list) {
    if (typeof a?.id !== 'string' || typeof a?.file !== 'string' || typeof a?.reason !== 'string' || a.reason.trim().length < 20) {
      throw new Error(`${ACCEPTED_FILE}: every entry needs an id, a file and a written reason`);
    }
  }
  return list;
}

async function main() {
  const { values } = parseArgs({ options: { json: { type: 'boolean' }, input: { type: 'string' } } });
  const asJson = values.json ?? false;
  const accepted = values.input ? [] : readAccepted();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const electronVersion = String(pkg.devDependencies?.electron ?? '').replace(/^[^\d]*/, '');

  const stage = mkdtempSync(join(tmpdir(), 'mi-electronegativity-'));
  try {
    if (values.input) cpSync(resolve(values.input), stage, { recursive: true });
    else {
      for (const src of SOURCES) {
        if (existsSync(join(ROOT, src))) cpSync(join(ROOT, src), join(stage, src), { recursive: true });
      }
    }
    process.env.LANG = 'en-US';
    const require = createRequire(import.meta.url);
    const mod = require('@doyensec/electronegativity');
    const run = mod.default ?? mod;
    // The translation download fails (offline) and says so on stdout; keep the output to our own lines.
    const log = console.log;
    console.log = () => {};
    let result;
    try {
      result = await run(
        { input: stage, isRelative: true, excludeFromScan: EXCLUDED_CHECKS, electronVersionOverride: electronVersion || undefined, parserPlugins: [] },
        false,
      );
    } finally {
      console.log = log;
    }

    const findings = result.issues.map((i) => ({
      id: i.id,
      file: i.file,
      line: i.location?.line ?? 0,
      column: i.location?.column ?? 0,
      severity: i.severity.name,
      severityValue: i.severity.value,
      confidence: i.confidence.name,
      manualReview: Boolean(i.manualReview),
      description: String(i.description ?? '').trim(),
    }));
    const isAccepted = (f) => accepted.find((a) => a.id === f.id && a.file === f.file);
    const above = findings.filter((f) => f.severityValue > 0);
    const open = above.filter((f) => !isAccepted(f));
    const stale = accepted.filter((a) => !findings.some((f) => f.id === a.id && f.file === a.file));
    const parseErrors = result.errors.filter((e) => !e.tolerable);

    if (asJson) {
      log(JSON.stringify({ checks: result.globalChecks + result.atomicChecks, findings, open, stale, parseErrors, skippedDownloads, networkAttempts: attempts }, null, 2));
    } else {
      log(`electronegativity: ${result.globalChecks + result.atomicChecks} checks (${EXCLUDED_CHECKS.join(', ')} excluded: needs the network), Electron ${electronVersion}`);
      for (const f of findings) {
        const a = isAccepted(f);
        const state = f.severityValue === 0 ? 'info' : a ? 'accepted' : 'FINDING';
        log(`  ${state.padEnd(8)} ${f.id} ${f.severity}/${f.confidence} ${f.file}:${f.line}:${f.column}${a ? ` — ${a.reason}` : f.severityValue > 0 ? ` — ${f.description}` : ''}`);
      }
      for (const s of stale) log(`  note     accepted ${s.id} in ${s.file} is no longer reported: remove it from electron/electronegativity-accepted.json`);
      for (const e of parseErrors) log(`  ERROR    could not parse ${e.file}: ${e.message}`);
    }
    if (attempts.length) console.error(`electronegativity: opened a network connection (${attempts.join('; ')}); blocked`);
    const failed = open.length > 0 || parseErrors.length > 0 || attempts.length > 0;
    if (!asJson) {
      log(failed
        ? `electronegativity: ${open.length} finding(s) above INFORMATIONAL without an accepted reason, ${parseErrors.length} parse error(s)`
        : `electronegativity: no finding above INFORMATIONAL without a written reason (${above.length} accepted)`);
    }
    return failed ? 1 : 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
    net.Socket.prototype.connect = connect;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`electronegativity: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
