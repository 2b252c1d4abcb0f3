import type { ReactNode } from 'react';

export function EmptyState({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <svg className="empty-icon" viewBox="0 0 48 48" aria-hidden="true">
        <rect x="8" y="10" width="32" height="28" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M8 18h32M18 18v20" stroke="currentColor" strokeWidth="2.5" />
      </svg>
      <h2>{title}</h2>
      <p>{children}</p>
      {actions && <div className="empty-actions">{actions}</div>}
    </section>
  );
}
