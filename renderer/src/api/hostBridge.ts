/**
 * What the Electron preload exposes on `window.mentorImpact` (pure types: the preload
 * imports them from here). One async function per contract method, returning the
 * Result envelope, plus a few host dialogs the browser cannot offer.
 */
import type { Api } from '../../../shared/api';

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

export interface HostBridge {
  /** Native open/save dialog for a `.duckdb` project file; null when cancelled. */
  pickProjectFile(mode: 'open' | 'save'): Promise<string | null>;
  /** Native open dialog for a CSV file; null when cancelled. */
  pickCsvFile(): Promise<PickedFile | null>;
  /** The path of a File the user dropped or chose (Electron's `webUtils.getPathForFile`); '' if it has none. */
  pathForFile(file: File): string;
  /** Subscribes to native menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

export type MentorImpactBridge = Api & { host: HostBridge };

declare global {
  interface Window {
    mentorImpact?: MentorImpactBridge;
  }
}
