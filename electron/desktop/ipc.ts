/**
 * IPC wiring: one handler per API method (the engine validates the payload) and the two
 * host dialogs. Every handler first checks that the call comes from the main window's
 * top frame showing an app:// page.
 */
import { basename, extname, join } from 'node:path';
import { dialog, ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api';
import type { ApiMethod, ApiResponses } from '../../shared/api';
import type { Result } from '../../shared/result';
import type { Engine } from '../engine/service';
import { isAppUrl } from './appUrl';
import { HOST_CHANNELS } from '../../shared/hostBridge';
import type { PickedFile } from '../../shared/hostBridge';

export type WindowGetter = () => BrowserWindow | null;

/** The sender is the main window's top-level frame, and it shows an app:// page. */
export function isTrustedSender(event: IpcMainInvokeEvent, getWindow: WindowGetter): boolean {
  const win = getWindow();
  const frame = event.senderFrame;
  if (!win || win.isDestroyed() || !frame) return false;
  const main = win.webContents.mainFrame;
  if (event.sender.id !== win.webContents.id) return false;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'This request did not come from the Mentor Impact window.' } } as const;

export interface ApiHandlerHooks {
  /** Called after a project was opened through the API (recent documents, menu). */
  onProjectOpened(path: string): void;
  /** `saveReportPdf` is the host's: a save dialog and printToPDF (reportPdf.ts), not the engine's Chromium. */
  saveReportPdf?(payload: unknown, win: BrowserWindow): Promise<Result<ApiResponses['saveReportPdf']>>;
}

export function registerApiHandlers(engine: Engine, getWindow: WindowGetter, hooks: ApiHandlerHooks): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, payload: unknown): Promise<Result<ApiResponses[ApiMethod]>> => {
      if (!isTrustedSender(event, getWindow)) return FORBIDDEN;
      const win = getWindow();
      if (method === 'saveReportPdf' && hooks.saveReportPdf && win) return hooks.saveReportPdf(payload, win);
      const result = await engine.call(method, payload);
      if (result.ok && (method === 'openProject' || method === 'openSampleProject')) {
        hooks.onProjectOpened((result.value as ApiResponses['openProject']).path);
      }
      return result;
    });
  }
}

const PROJECT_FILTERS = [{ name: 'Mentor Impact project', extensions: ['duckdb'] }];
const CSV_FILTERS = [
  { name: 'CSV exports', extensions: ['csv', 'tsv', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];

export interface HostHandlerOptions {
  /** Folder the save dialog starts in (e.g. Documents). */
  defaultDir: string;
}

export function registerHostHandlers(getWindow: WindowGetter, { defaultDir }: HostHandlerOptions): void {
  ipcMain.handle(HOST_CHANNELS.pickProjectFile, async (event, mode: unknown): Promise<string | null> => {
    const win = getWindow();
    if (!win || !isTrustedSender(event, getWindow)) return null;
    if (mode === 'save') {
      const options: SaveDialogOptions = {
        title: 'New project',
        buttonLabel: 'Create',
        defaultPath: join(defaultDir, 'My project.duckdb'),
        filters: PROJECT_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const { canceled, filePath } = await dialog.showSaveDialog(win, options);
      if (canceled || !filePath) return null;
      return extname(filePath).toLowerCase() === '.duckdb' ? filePath : `${filePath}.duckdb`;
    }
    if (mode !== 'open') return null;
    const options: OpenDialogOptions = { title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile'] };
    const { canceled, filePaths } = await dialog.showOpenDialog(win, options);
    return canceled ? null : (filePaths[0] ?? null);
  });

  ipcMain.handle(HOST_CHANNELS.pickCsvFile, async (event): Promise<PickedFile | null> => {
    const win = getWindow();
    if (!win || !isTrustedSender(event, getWindow)) return null;
    const options: OpenDialogOptions = { title: 'Import CSV', filters: CSV_FILTERS, properties: ['openFile'] };
    const { canceled, filePaths } = await dialog.showOpenDialog(win, options);
    const path = canceled ? undefined : filePaths[0];
    return path ? { path, name: basename(path) } : null;
  });
}
