/**
 * What the preload puts on `window.mentorImpact`, and the extra (non-API) channels behind
 * it. Pure TypeScript: the main process and the sandboxed preload both import it.
 * The renderer declares the same shape in renderer/src/api/hostBridge.ts.
 */
import type { Api } from '../../shared/api';

/** Host-only channels (native dialogs, menu); API methods use `ipcChannel(method)`. */
export const HOST_CHANNELS = {
  pickProjectFile: 'mentor-impact:host:pickProjectFile',
  pickCsvFile: 'mentor-impact:host:pickCsvFile',
} as const;

/** One-way main → renderer channel carrying a `MenuCommand`. */
export const MENU_CHANNEL = 'mentor-impact:menu';

export type ProjectFileMode = 'open' | 'save';

export interface PickedFile {
  path: string;
  name: string;
}

/** What a native menu item (or a second launch with a project path) asks the renderer to do. */
export type MenuCommand =
  | { command: 'newProject' }
  | { command: 'openProject' }
  | { command: 'openSampleProject' }
  | { command: 'openRecent'; path: string }
  | { command: 'importCsv' };

const SIMPLE_COMMANDS = new Set(['newProject', 'openProject', 'openSampleProject', 'importCsv']);

export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null) return false;
  const { command, path } = value as { command?: unknown; path?: unknown };
  if (command === 'openRecent') return typeof path === 'string' && path.length > 0;
  return typeof command === 'string' && SIMPLE_COMMANDS.has(command);
}

export interface HostBridge {
  /** Native open/save dialog for a .duckdb project; null when cancelled. */
  pickProjectFile(mode: ProjectFileMode): Promise<string | null>;
  /** Native open dialog for a CSV export; null when cancelled. */
  pickCsvFile(): Promise<PickedFile | null>;
  /** The path of a File the user dropped or chose (Electron's `webUtils.getPathForFile`); '' if it has none. */
  pathForFile(file: File): string;
  /** Subscribe to native menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** `window.mentorImpact`: one async function per API method, plus the host's extras. */
export type MentorImpactBridge = Api & { host: HostBridge };
