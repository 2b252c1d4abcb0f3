/**
 * Holm's step-down adjustment, equal to R `p.adjust(p, method = "holm")`.
 * Missing p-values (null, NaN, ±Infinity) stay null and do not count towards the
 * number of tests, as R does with NA.
 */
export function holmAdjust(p: ArrayLike<number | null>): (number | null)[] {
  const len = p.length;
  const out: (number | null)[] = new Array<number | null>(len);
  const order: number[] = [];
  for (let i = 0; i < len; i++) {
    const v = p[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      out[i] = v;
      order.push(i);
    } else {
      out[i] = null;
    }
  }
  const m = order.length;
  if (m <= 1) return out;
  order.sort((a, b) => (out[a] as number) - (out[b] as number)); // stable, like R's order()
  let running = 0;
  for (let r = 0; r < m; r++) {
    const i = order[r]!;
    running = Math.max(running, (m - r) * (out[i] as number));
    out[i] = Math.min(1, running);
  }
  return out;
}
