/**
 * The native menu. Items that change what the window shows send a `MenuCommand` to the
 * renderer (which then uses the API like any button would); Quit, Edit, View and About
 * are handled here.
 */
import { basename } from 'node:path';
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/hostBridge';

export interface AppMenuOptions {
  isDev: boolean;
  isMac: boolean;
  recentProjects: readonly string[];
  send(command: MenuCommand): void;
  showAbout(): void;
}

export function buildAppMenu({ isDev, isMac, recentProjects, send, showAbout }: AppMenuOptions): Menu {
  const recent: MenuItemConstructorOptions[] = recentProjects.length
    ? recentProjects.map((path) => ({ label: `${basename(path)} — ${path}`, click: () => send({ command: 'openRecent', path }) }))
    : [{ label: 'No recent projects', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => send({ command: 'newProject' }) },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => send({ command: 'openProject' }) },
      { label: 'Open Sample Project', click: () => send({ command: 'openSampleProject' }) },
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      { label: 'Import CSV…', accelerator: 'CmdOrCtrl+I', click: () => send({ command: 'importCsv' }) },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'About Mentor Impact', click: showAbout }],
  };

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    help,
  ];
  return Menu.buildFromTemplate(template);
}
