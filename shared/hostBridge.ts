/**
 * What the Electron preload puts on `window.mentorImpact`, and the host-only channels behind
 * it: one declaration for the preload (which implements it), the main process (which
 * answers the channels) and the renderer (which calls it). Pure: `File` is a global of
 * both Node and the DOM.
 */
import type { Api } from './api';

/** Host-only channels (native dialogs); API methods use `ipcChannel(method)`. */
export const HOST_CHANNELS = {
  pickProjectFile: 'mentor-impact:host:pickProjectFile',
  pickCsvFile: 'mentor-impact:host:pickCsvFile',
} as const;

/** One-way main → renderer channel carrying a `MenuCommand`. */
export const MENU_CHANNEL = 'mentor-impact:menu';

export type ProjectFileMode = 'open' | 'save';

export interface PickedFile {
  /** Absolute path on this machine; the engine reads the file itself. */
  path: string;
  /** The file's base name, shown to the user and written to the imports log. */
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

/** The preload drops anything else the main process (or a compromised sender) puts on MENU_CHANNEL. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  if (typeof value !== 'object' || value === null) return false;
  const { command, path } = value as { command?: unknown; path?: unknown };
  if (command === 'openRecent') return typeof path === 'string' && path.length > 0;
  return typeof command === 'string' && SIMPLE_COMMANDS.has(command);
}

export interface HostBridge {
  /** Native open/save dialog for a `.duckdb` project file; null when cancelled. */
  pickProjectFile(mode: ProjectFileMode): Promise<string | null>;
  /** Native open dialog for a CSV file; null when cancelled. */
  pickCsvFile(): Promise<PickedFile | null>;
  /** The path of a File the user dropped or chose (Electron's `webUtils.getPathForFile`); '' if it has none. */
  pathForFile(file: File): string;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** `window.mentorImpact`: one async function per API method (each returns the Result envelope), plus the host's extras. */
export type MentorImpactBridge = Api & { host: HostBridge };
