/**
 * Runs one request at a time and keeps only the newest one waiting: when filters change
 * quickly, the engine computes at most the one in flight plus the latest, and an answer
 * to an out-of-date request is dropped (never shown over a newer selection).
 */
export interface LatestRunner<Req> {
  /** Asks for `req`; supersedes every earlier request. */
  request(req: Req): void;
  /** Drops the waiting request and the answer of the one in flight. */
  cancel(): void;
  /** True while a request is in flight or waiting. */
  busy(): boolean;
}

export function createLatestRunner<Req, Res>(
  run: (req: Req) => Promise<Res>,
  onResult: (res: Res, req: Req) => void,
  onFailure: (err: unknown, req: Req) => void = () => undefined,
): LatestRunner<Req> {
  let generation = 0;
  let inFlight = false;
  let waiting: { req: Req; gen: number } | null = null;

  async function pump(): Promise<void> {
    if (inFlight || !waiting) return;
    const { req, gen } = waiting;
    waiting = null;
    inFlight = true;
    try {
      const res = await run(req);
      if (gen === generation) onResult(res, req);
    } catch (err) {
      if (gen === generation) onFailure(err, req);
    } finally {
      inFlight = false;
      void pump();
    }
  }

  return {
    request(req) {
      generation += 1;
      waiting = { req, gen: generation };
      void pump();
    },
    cancel() {
      generation += 1;
      waiting = null;
    },
    busy: () => inFlight || waiting !== null,
  };
}
