import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AnalysisConfigInput, Api, ApiMethod, ApiResponses, AppInfo, FileRef, ParsedRequest } from '../../shared/api';
import { API_METHODS, parseRequest } from '../../shared/api';
import type { MappingTemplate } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { EngineError, toApiError } from './errors';
import { listFilterOptions } from './filterOptions';
import { analyze } from './analysis/analyze';
import { importCsv } from './import/importCsv';
import { sweepStaleCopies } from './import/tempCopies';
import { inspectFile } from './import/inspect';
import { ImportJobs } from './importJobs';
import { deletePersonalRows, purgeRejectValues, replaceWithCompactCopy, writeCompactCopy } from './privacy/personalData';
import { Project } from './project';
import { UploadStore } from './uploads';
import { checkProjectPath } from './projectFile';
import { importSampleData } from './sampleFiles';
import { makeReport, printPdf } from './report';
import type { ReportHtml, ReportOptions } from '../../shared/report';
import type { AnalysisResult } from '../../shared/analysis';
import { DEFAULT_ANALYSIS_CONFIG } from '../../shared/analysis';

export interface EngineOptions {
  host: AppInfo['host'];
  /** Per-user folder: recent projects, the sample project, browser-mode uploads. */
  dataDir: string;
  /** Folder holding the demo CSVs (sample-data/ in a checkout, resources/ in a package). */
  sampleDataDir: string;
  version?: string;
  /** Open projects read-only (the CLI's analyze and report): a read-only project file can be analysed. */
  readOnly?: boolean;
}

type Handlers = { [M in ApiMethod]: (req: ParsedRequest<M>) => Promise<ApiResponses[M]> };

const RECENT_MAX = 10;

/**
 * The engine behind every transport. Requests run one at a time: a DuckDB connection
 * carries one transaction, and an import must not interleave with a preview.
 */
export class Engine {
  private project: Project | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly jobs = new ImportJobs();
  /** A started import job: the queue waits for it before the next request. */
  private holdQueue: Promise<void> | undefined;
  /**
   * Results of `analyze` per configuration, so that moving between pages (each asks for the
   * same filter set) and printing the report do not recompute them. Any call that may change
   * the project's data or settings empties it (see READ_ONLY), and so does an import job's end.
   */
  private readonly analyses = new Map<string, AnalysisResult>();
  readonly api: Api;

  constructor(private readonly opts: EngineOptions) {
    this.uploads = new UploadStore(opts.dataDir);
    const handlers = this.handlers();
    this.api = Object.fromEntries(
      API_METHODS.map((m) => [m, (req: unknown) => this.call(m, req, handlers)]),
    ) as unknown as Api;
  }

  /** This process's browser-mode uploads (engine/uploads.ts). */
  private readonly uploads: UploadStore;

  get uploadsDir(): string {
    return this.uploads.dir;
  }

  /** Removes uploads a crashed or killed session left (at every start and stop of the server). */
  sweepUploads(): Promise<void> {
    return this.uploads.sweep();
  }

  /** Removes this session's uploads, and those of dead sessions. */
  async clearUploads(): Promise<void> {
    await this.uploads.clear();
    await this.uploads.sweep();
  }

  /** Validates the payload (it may come from another process) and never throws. */
  call<M extends ApiMethod>(method: M, payload: unknown, handlers: Handlers = this.handlers()): Promise<Result<ApiResponses[M]>> {
    const run = async (): Promise<Result<ApiResponses[M]>> => {
      const parsed = parseRequest(method, payload);
      if (!parsed.ok) return parsed;
      if (!READ_ONLY.has(method)) this.analyses.clear();
      try {
        return { ok: true, value: await handlers[method](parsed.value) };
      } catch (err) {
        return { ok: false, error: toApiError(err) };
      }
    };
    // Job status and cancel read in-memory state only: they answer while an import holds the queue.
    if (UNQUEUED.has(method)) return run();
    const next = this.queue.then(run, run);
    this.queue = next
      .then(() => {
        const hold = this.holdQueue;
        this.holdQueue = undefined;
        return hold;
      })
      .catch(() => undefined);
    return next;
  }

  /** Transcoded import copies live in the data folder (not the OS temp folder) and are swept on open. */
  get importTempDir(): string {
    return join(this.opts.dataDir, 'import-tmp');
  }

  async openProject(path: string): Promise<Project> {
    await sweepStaleCopies(this.importTempDir);
    const full = resolve(path);
    if (this.project?.path === full) return this.project;
    // Browser mode: a page chooses the path, so only `*.duckdb` names (checked before any byte is read).
    // A refused path leaves the open project open.
    const rules = { requireExtension: this.browserMode, readOnly: this.opts.readOnly };
    await checkProjectPath(full, rules);
    await this.closeProject();
    this.project = await Project.open(full, rules);
    await this.remember(full);
    return this.project;
  }

  async closeProject(): Promise<void> {
    const p = this.project;
    this.project = null;
    if (p) await p.close();
  }

  private requireProject(): Project {
    if (!this.project) throw new EngineError('no_project', 'No project is open: open or create a project first');
    return this.project;
  }

  private handlers(): Handlers {
    return {
      getAppInfo: async () => ({
        version: this.opts.version ?? '0.0.0',
        host: this.opts.host,
        project: this.project ? await this.project.info() : null,
        recentProjects: await this.recent(),
      }),
      openProject: async ({ path }) => (await this.openProject(path)).info(),
      openSampleProject: async () => (await this.openSampleProject()).info(),
      listTables: async () => this.requireProject().tables(),
      previewTable: async ({ table, offset, limit }) => this.requireProject().preview(table, offset, limit),
      importFile: async ({ file, fileName, kind, mapping, asOf, mode }) => {
        const project = this.requireProject();
        const isUpload = 'uploadId' in file;
        const path = this.filePath(file);
        try {
          return await importCsv(project.conn, { path, fileName, kind, mapping, asOf, mode, tempDir: this.importTempDir });
        } finally {
          if (isUpload) await rm(path, { force: true });
        }
      },
      listImports: async () => this.requireProject().imports(),
      inspectFile: async ({ file, fileName, kind }) => {
        const project = this.requireProject();
        return inspectFile(project.conn, { path: this.filePath(file), fileName: fileName ?? this.fileLabel(file), kind });
      },
      validateImport: async ({ file, fileName, kind, mapping, asOf, mode }) => {
        const project = this.requireProject();
        const result = await importCsv(project.conn, { path: this.filePath(file), fileName: fileName ?? this.fileLabel(file), kind, mapping, asOf, mode, dryRun: true, tempDir: this.importTempDir });
        return { ...result, rejectReasons: result.rejectReasons ?? [] };
      },
      startImport: async ({ file, fileName, kind, mapping, asOf, mode }) => {
        const project = this.requireProject();
        const path = this.filePath(file);
        const job = this.jobs.start(async (signal, onProgress) => {
          try {
            return await importCsv(project.conn, { path, fileName: fileName ?? this.fileLabel(file), kind, mapping, asOf, mode, signal, tempDir: this.importTempDir }, onProgress);
          } finally {
            this.analyses.clear();
            if ('uploadId' in file) await rm(path, { force: true });
          }
        });
        this.holdQueue = job.done;
        return { jobId: job.id };
      },
      importStatus: async ({ jobId }) => this.jobs.status(jobId),
      cancelImport: async ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      listMappingTemplates: async ({ kind }) => {
        const all = await this.templates();
        return all.filter((t) => !kind || t.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
      },
      saveMappingTemplate: async ({ name, kind, mapping }) => {
        const template: MappingTemplate = { name, kind, mapping, savedAt: new Date().toISOString() };
        const others = (await this.templates()).filter((t) => t.name !== name);
        await this.requireProject().setSetting(MAPPING_TEMPLATES, [...others, template]);
        return template;
      },
      deleteMappingTemplate: async ({ name }) => {
        const all = await this.templates();
        const rest = all.filter((t) => t.name !== name);
        if (rest.length !== all.length) await this.requireProject().setSetting(MAPPING_TEMPLATES, rest);
        return { deleted: rest.length !== all.length };
      },
      analyze: async ({ config }) => this.analyze(config),
      getAnalysisSettings: async () => (await this.requireProject().getSetting<AnalysisConfigInput>(ANALYSIS_SETTINGS)) ?? {},
      saveAnalysisSettings: async ({ config }) => {
        await this.requireProject().setSetting(ANALYSIS_SETTINGS, config);
        return config;
      },
      purgeRejects: async () => {
        const purged = await purgeRejectValues(this.requireProject().conn);
        await this.rewriteProjectFile();
        return { purged };
      },
      deletePersonalData: async () => {
        const rowsDeleted = await deletePersonalRows(this.requireProject().conn);
        // Uploads waiting for an import are raw personal data too.
        await this.clearUploads();
        const project = await this.rewriteProjectFile();
        return { rowsDeleted, project: await project.info() };
      },
      reportHtml: async ({ config, meta, preview }) => this.report(config, meta ?? {}, preview ?? false),
      // The desktop app never gets here: its main process prints with printToPDF (electron/desktop/reportPdf.ts).
      saveReportPdf: async ({ config, meta }) => {
        const report = await this.report(config, meta ?? {}, false);
        const pdf = await printPdf({ html: report.html, pageSize: report.pageSize, footer: report.footer });
        return { path: null, fileName: report.fileName, bytes: pdf.length, pdfBase64: pdf.toString('base64') };
      },
      listFilterOptions: async () => {
        const project = this.requireProject();
        const saved = (await project.getSetting<AnalysisConfigInput>(ANALYSIS_SETTINGS)) ?? {};
        return listFilterOptions(project.conn, saved.minGroupSize ?? DEFAULT_ANALYSIS_CONFIG.minGroupSize);
      },
    };
  }

  /** The browser-mode server: requests come from a web page, which must not name files on this machine. */
  private get browserMode(): boolean {
    return this.opts.host === 'browser';
  }

  /**
   * A file to read: a path, or a browser-mode upload (kept until an import job consumes it).
   * In browser mode only uploads: a path would let the page read any file the server can
   * (`inspectFile {path: "/etc/shadow"}` returned its first lines).
   */
  private filePath(file: FileRef): string {
    if ('uploadId' in file) return join(this.uploadsDir, file.uploadId);
    if (this.browserMode) throw new EngineError('uploads_only', 'In browser mode the app reads uploaded files only: choose or drop the file on the Import page');
    return file.path;
  }

  private fileLabel(file: FileRef): string | undefined {
    return 'uploadId' in file ? 'upload.csv' : undefined;
  }

  private async templates(): Promise<MappingTemplate[]> {
    const saved = await this.requireProject().getSetting<unknown>(MAPPING_TEMPLATES);
    return Array.isArray(saved) ? (saved as MappingTemplate[]).filter((t) => t && typeof t.name === 'string' && typeof t.kind === 'string') : [];
  }

  /** `analyze` with the project's saved settings under the request's; a fresh copy of a cached result when there is one. */
  private async analyze(config: AnalysisConfigInput | undefined): Promise<AnalysisResult> {
    const project = this.requireProject();
    const saved = (await project.getSetting<AnalysisConfigInput>(ANALYSIS_SETTINGS)) ?? {};
    const input = { ...saved, ...config };
    const key = stableJson(input);
    let result = this.analyses.get(key);
    if (result) {
      this.analyses.delete(key); // most recently used last
    } else {
      result = await analyze(project.conn, input);
    }
    this.analyses.set(key, result);
    while (this.analyses.size > ANALYSES_KEPT) this.analyses.delete(this.analyses.keys().next().value!);
    // Callers own what they get: a report or a direct caller may annotate it.
    return structuredClone(result);
  }

  /** The evaluation report of the open project, with its saved analysis settings applied (as `analyze`). */
  private async report(config: AnalysisConfigInput | undefined, meta: ReportOptions, preview: boolean): Promise<ReportHtml> {
    const project = this.requireProject();
    const result = await this.analyze(config);
    return makeReport(result, meta, { dataSources: await project.imports(), software: this.opts.version ? `Mentor Impact ${this.opts.version}` : 'Mentor Impact', preview });
  }

  /**
   * Privacy actions: rewrites the open project into a fresh file so that deleted values do
   * not stay in the file's free blocks, then reopens it. On failure the project stays open
   * as it was (the deletion itself is already committed).
   */
  private async rewriteProjectFile(): Promise<Project> {
    const p = this.requireProject();
    const copy = await writeCompactCopy(p.conn, p.path);
    this.project = null;
    try {
      await p.close();
      await replaceWithCompactCopy(p.path, copy);
    } finally {
      this.project = await Project.open(p.path);
    }
    return this.project;
  }

  /** The demo project: the committed sample exports, imported once into the data folder. */
  async openSampleProject(): Promise<Project> {
    await mkdir(this.opts.dataDir, { recursive: true });
    const project = await this.openProject(join(this.opts.dataDir, 'sample-project.duckdb'));
    const done = await project.imports();
    await importSampleData(project.conn, this.opts.sampleDataDir, { skip: done.map((i) => i.kind) });
    if (!(await project.getSetting(ANALYSIS_SETTINGS))) await project.setSetting(ANALYSIS_SETTINGS, SAMPLE_ANALYSIS);
    return project;
  }

  private async recent(): Promise<string[]> {
    try {
      const list: unknown = JSON.parse(await readFile(join(this.opts.dataDir, 'recent.json'), 'utf8'));
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  private async remember(path: string): Promise<void> {
    const list = [path, ...(await this.recent()).filter((p) => p !== path)].slice(0, RECENT_MAX);
    await mkdir(this.opts.dataDir, { recursive: true });
    await writeFile(join(this.opts.dataDir, 'recent.json'), JSON.stringify(list, null, 2));
  }
}

/** The sample HRIS export's date and its survey's negatively worded item (sample-data/planted-effects.json). */
const SAMPLE_ANALYSIS: AnalysisConfigInput = { survey: { scaleMin: 1, scaleMax: 5, reverseItems: ['ENG6'] } };
const ANALYSIS_SETTINGS = 'analysis';
const MAPPING_TEMPLATES = 'mappingTemplates';
/** Methods that never wait in the request queue (in-memory job state only). */
const UNQUEUED = new Set<ApiMethod>(['importStatus', 'cancelImport']);

/** Calls that change neither the data nor the settings of the open project (validateImport rolls back). */
const READ_ONLY = new Set<ApiMethod>([
  'getAppInfo', 'listTables', 'previewTable', 'listImports', 'inspectFile', 'validateImport', 'importStatus',
  'listMappingTemplates', 'analyze', 'getAnalysisSettings', 'reportHtml', 'saveReportPdf', 'listFilterOptions',
]);

/** Filter sets kept: one per page's recent selections is plenty, and each result is small. */
const ANALYSES_KEPT = 8;

/** JSON with object keys sorted, so that equal configurations give equal cache keys. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
