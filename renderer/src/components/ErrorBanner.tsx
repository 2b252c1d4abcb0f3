import type { ApiError } from '../../../shared/result';

/** An error from the engine, shown as its one actionable line. */
export function ErrorBanner({ error, title }: { error: ApiError; title?: string }) {
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong className="alert-title">{title}</strong>}
      <span>{error.message}</span>
    </div>
  );
}
