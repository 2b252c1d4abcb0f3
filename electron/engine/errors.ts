import type { ApiError } from '../../shared/result';

/** An error a user can act on; crosses transports as an ApiError. */
export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly where: { file?: string; line?: number; column?: string } = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.where };
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof EngineError) return err.toApiError();
  const message = err instanceof Error ? err.message : String(err);
  if (/Could not set lock on file/i.test(message)) {
    return { code: 'project_locked', message: 'This project is open in another Mentor Impact window or process; close it there first.' };
  }
  return { code: 'internal', message: message.split('\n')[0] ?? 'Unexpected error' };
}
