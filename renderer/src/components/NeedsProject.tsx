import type { ReactNode } from 'react';
import { useAppState } from '../state';
import { goTo, pageHref } from '../router';
import { EmptyState } from './EmptyState';

/** Pages that need an open project show what to do instead of an error. */
export function NeedsProject({ children }: { children: ReactNode }) {
  const { info, project } = useAppState();
  if (!info) return <p className="muted">Loading…</p>;
  if (project) return <>{children}</>;
  return (
    <EmptyState
      title="No project is open"
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={() => goTo('projects')}>
            Go to Projects
          </button>
        </>
      }
    >
      Open the sample project, or open or create a project file and import a roster and an HRIS export into it.{' '}
      <a href={pageHref('projects')}>Projects</a> has both.
    </EmptyState>
  );
}
