import { api, host } from './api/client';
import { goTo } from './router';
import { useAppState } from './state';

/** Open sample / open / create / reopen: shared by the Projects page and the native menu. */
export function useProjectActions() {
  const { runProjectAction } = useAppState();

  const openSample = async () => {
    if (await runProjectAction('sample', () => api.openSampleProject({}))) goTo('dashboard');
  };
  const openPath = (path: string) => runProjectAction(path, () => api.openProject({ path }));
  const pickAndOpen = async (mode: 'open' | 'save') => {
    const chosen = await host?.pickProjectFile(mode);
    if (chosen) await openPath(chosen);
  };
  return { openSample, openPath, pickAndOpen };
}
