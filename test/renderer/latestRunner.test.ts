import { describe, expect, it } from 'vitest';
import { createLatestRunner } from '../../renderer/src/analysis/latestRunner';

/** A request the test resolves by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createLatestRunner', () => {
  it('runs one request at a time, keeps only the newest waiting, and shows only the newest answer', async () => {
    const calls: string[] = [];
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const shown: string[] = [];
    const runner = createLatestRunner<string, string>(
      (req) => {
        calls.push(req);
        const d = deferred<string>();
        pending.set(req, d);
        return d.promise;
      },
      (res) => shown.push(res),
    );
    runner.request('a');
    runner.request('b');
    runner.request('c');
    await tick();
    expect(calls).toEqual(['a']); // b was superseded while a ran
    expect(runner.busy()).toBe(true);
    pending.get('a')!.resolve('A');
    await tick();
    expect(shown).toEqual([]); // a is out of date: c was asked for after it
    expect(calls).toEqual(['a', 'c']);
    pending.get('c')!.resolve('C');
    await tick();
    expect(shown).toEqual(['C']);
    expect(runner.busy()).toBe(false);
  });

  it('cancel drops the answer in flight and the waiting request', async () => {
    const shown: number[] = [];
    const d = deferred<number>();
    const runner = createLatestRunner<number, number>(() => d.promise, (res) => shown.push(res));
    runner.request(1);
    runner.request(2);
    runner.cancel();
    d.resolve(1);
    await tick();
    await tick();
    expect(shown).toEqual([]);
    expect(runner.busy()).toBe(false);
  });

  it('reports a failure of the newest request, and keeps working after it', async () => {
    const failures: unknown[] = [];
    const shown: string[] = [];
    let fail = true;
    const runner = createLatestRunner<string, string>(
      async (req) => {
        if (fail) throw new Error(`no ${req}`);
        return req.toUpperCase();
      },
      (res) => shown.push(res),
      (err) => failures.push(err),
    );
    runner.request('x');
    await tick();
    expect(failures).toHaveLength(1);
    fail = false;
    runner.request('y');
    await tick();
    expect(shown).toEqual(['Y']);
  });
});
