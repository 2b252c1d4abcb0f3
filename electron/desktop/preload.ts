/**
 * Sandboxed preload: exposes `window.mentorImpact`, one named async function per API
 * method plus `host` (dialogs, menu). The renderer never sees `ipcRenderer` or an IPC event.
 * Bundled to dist-electron/preload.cjs; at run time it can only require 'electron'.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { API_METHODS, ipcChannel } from '../../shared/api';
import type { Api } from '../../shared/api';
import { HOST_CHANNELS, MENU_CHANNEL, isMenuCommand } from '../../shared/hostBridge';
import type { HostBridge, MenuCommand, MentorImpactBridge, PickedFile, ProjectFileMode } from '../../shared/hostBridge';

const api = Object.fromEntries(
  API_METHODS.map((method) => {
    const channel = ipcChannel(method);
    return [method, (req: unknown) => ipcRenderer.invoke(channel, req ?? {})];
  }),
) as unknown as Api;

const host: HostBridge = {
  pickProjectFile: (mode: ProjectFileMode) => ipcRenderer.invoke(HOST_CHANNELS.pickProjectFile, mode) as Promise<string | null>,
  pickCsvFile: () => ipcRenderer.invoke(HOST_CHANNELS.pickCsvFile) as Promise<PickedFile | null>,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  onMenu: (listener: (command: MenuCommand) => void) => {
    const forward = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_CHANNEL, forward);
    };
  },
};

const bridge: MentorImpactBridge = { ...api, host };

contextBridge.exposeInMainWorld('mentorImpact', bridge);
