/**
 * Sorts numbers ascending in place, in the order of `Float64Array.prototype.sort` (-0 before
 * +0, NaN last), and returns the array.
 *
 * The analyses hand the tests large arrays that are often sorted already (survival times
 * come out of a counting sort) and otherwise hold tens of thousands of values: an
 * ascending array is left as it is after one pass, and a large one is radix-sorted on its
 * bits, several times faster than the built-in comparison sort.
 */
export function sortAscending(a: Float64Array): Float64Array {
  const n = a.length;
  let i = 1;
  // ascending: each value above the last, or equal and not -0 after +0 (1 / ±0 = ±Infinity)
  while (i < n && (a[i - 1]! < a[i]! || (a[i - 1] === a[i] && (a[i] !== 0 || 1 / a[i - 1]! <= 1 / a[i]!)))) i++;
  if (i >= n) return a;
  if (n < RADIX_MIN) return a.sort();
  for (let j = 0; j < n; j++) if (a[j] !== a[j]) return a.sort(); // NaN: the built-in puts every NaN last
  return radixSort(a);
}

/** A copy of `x`, sorted ascending (sortAscending). */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  return sortAscending(Float64Array.from(x));
}

const RADIX_MIN = 2048;

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
