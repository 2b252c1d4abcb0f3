/** Errors cross every boundary as data, never as thrown exceptions (STYLE: Tad, Signal). */
export interface ApiError {
  /** Stable machine-readable code, e.g. 'missing_column', 'bad_request', 'not_found'. */
  code: string;
  /** One line a user can act on; names file, line and column where they are known. */
  message: string;
  file?: string;
  line?: number;
  column?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });
