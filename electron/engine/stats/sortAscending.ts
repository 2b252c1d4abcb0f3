/**
 * Sorts numbers ascending in place, in the order of `Float64Array.prototype.sort` (-0 before
 * +0, NaN last), and returns the array.
 *
 * The analyses hand the tests large arrays that are often sorted already (survival times
 * come out of a counting sort) and otherwise hold tens of thousands of values: an
 * ascending array is left as it is after one pass. Most of the rest hold few distinct
 * values (survey means are multiples of 1/k, ratings whole or half points, their changes
 * differences of those): those are counted per value in one hashing pass and written back
 * in order. Any other large array is radix-sorted on its bits; both are several times
 * faster than the built-in comparison sort.
 */
export function sortAscending(a: Float64Array): Float64Array {
  const n = a.length;
  let i = 1;
  // ascending: each value above the last, or equal and not -0 after +0 (1 / ±0 = ±Infinity)
  while (i < n && (a[i - 1]! < a[i]! || (a[i - 1] === a[i] && (a[i] !== 0 || 1 / a[i - 1]! <= 1 / a[i]!)))) i++;
  if (i >= n) return a;
  if (n < RADIX_MIN) return a.sort();
  for (let j = 0; j < n; j++) if (a[j] !== a[j]) return a.sort(); // NaN: the built-in puts every NaN last
  return countSort(a) ? a : radixSort(a);
}

/** A copy of `x`, sorted ascending (sortAscending). */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  return sortAscending(Float64Array.from(x));
}

const RADIX_MIN = 2048;
/** countSort's hash table: 2^COUNT_BITS slots, at most half of them filled. */
const COUNT_BITS = 11;
const COUNT_MAX = 1 << (COUNT_BITS - 1);

/**
 * Sorts `a` (no NaN) by counting each distinct value, if it holds at most COUNT_MAX of them;
 * false (and `a` unchanged) otherwise. Values are told apart by their bits, so -0 and +0 stay
 * distinct and the built-in sort of the distinct values puts -0 first.
 */
function countSort(a: Float64Array): boolean {
  const n = a.length;
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  const size = 1 << COUNT_BITS;
  const mask = size - 1;
  const slotLo = new Uint32Array(size);
  const slotHi = new Uint32Array(size);
  const slotCount = new Int32Array(size); // 0 = empty slot
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i]!;
    const hi = words[2 * i + 1]!;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> (32 - COUNT_BITS);
    while (slotCount[h] !== 0 && (slotLo[h] !== lo || slotHi[h] !== hi)) h = (h + 1) & mask;
    if (slotCount[h] === 0) {
      if (++distinct > COUNT_MAX) return false;
      slotLo[h] = lo;
      slotHi[h] = hi;
    }
    slotCount[h]!++;
  }
  const slots = new Int32Array(distinct);
  const values = new Float64Array(distinct);
  const bits = new Uint32Array(values.buffer);
  for (let h = 0, k = 0; h < size; h++) {
    if (slotCount[h] === 0) continue;
    bits[2 * k] = slotLo[h]!;
    bits[2 * k + 1] = slotHi[h]!;
    slots[k++] = h;
  }
  // order the slots by their values (few: the comparison sort is cheap here)
  const order = Array.from(slots.keys()).sort((x, y) => values[x]! - values[y]! || (Object.is(values[x], -0) ? -1 : Object.is(values[y], -0) ? 1 : 0));
  let j = 0;
  for (const k of order) {
    const v = values[k]!;
    for (let c = slotCount[slots[k]!]!; c > 0; c--) a[j++] = v;
  }
  return true;
}

/**
 * LSD radix sort, four 16-bit passes over the IEEE 754 bits made order-preserving as
 * unsigned integers (sign bit flipped for positive numbers, all bits flipped for negative
 * ones). Finite and infinite values only; the typed-array views assume a little-endian machine
 * (every platform Node runs the app on).
 */
function radixSort(a: Float64Array): Float64Array {
  const n = a.length;
  const words = new Uint32Array(a.buffer, a.byteOffset, 2 * n);
  // keys as (hi, lo) pairs in one buffer, made order-preserving; little-endian: lo at 2i, hi at 2i + 1
  let src = new Uint32Array(2 * n);
  let dst = new Uint32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i]!;
    const hi = words[2 * i + 1]!;
    if (hi & 0x80000000) {
      src[2 * i] = ~lo >>> 0;
      src[2 * i + 1] = ~hi >>> 0;
    } else {
      src[2 * i] = lo;
      src[2 * i + 1] = (hi | 0x80000000) >>> 0;
    }
  }
  const count = new Int32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? 0 : 1;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(src[2 * i + word]! >>> shift) & 0xffff]!++;
    // a pass where every key has the same digit changes nothing
    if (count[(src[word]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const j = count[(src[2 * i + word]! >>> shift) & 0xffff]!++;
      dst[2 * j] = src[2 * i]!;
      dst[2 * j + 1] = src[2 * i + 1]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  for (let i = 0; i < n; i++) {
    const lo = src[2 * i]!;
    const hi = src[2 * i + 1]!;
    if (hi & 0x80000000) {
      words[2 * i] = lo;
      words[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      words[2 * i] = ~lo >>> 0;
      words[2 * i + 1] = ~hi >>> 0;
    }
  }
  return a;
}
