/**
 * "Import CSV…" from the native menu: a request the Import page picks up when it is
 * (or next becomes) mounted.
 */
let pending = false;
const listeners = new Set<() => void>();

export function requestCsvPick(): void {
  pending = true;
  for (const l of listeners) l();
}

/** Calls `onRequest` for a pending request now and for every later one; returns the unsubscribe. */
export function onCsvPickRequest(onRequest: () => void): () => void {
  const run = () => {
    if (!pending) return;
    pending = false;
    onRequest();
  };
  listeners.add(run);
  run();
  return () => listeners.delete(run);
}
