/** A small seeded PRNG (mulberry32), so the same seed always gives the same data set. */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1]![0];
  }

  /** `n` distinct items of the list (or all of them when the list is shorter). */
  sample<T>(list: readonly T[], n: number): T[] {
    if (n >= list.length) return [...list];
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(this.next() * list.length));
    return [...chosen].map((i) => list[i]!);
  }

  /** A version-4-shaped UUID drawn from the generator (deterministic). */
  uuid(): string {
    const hex = (n: number) =>
      Math.floor(this.next() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    const variant = (8 + Math.floor(this.next() * 4)).toString(16);
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
  }
}

const DAY = 86_400_000;

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (iso: string, days: number): string =>
  isoDate(new Date(Date.parse(`${iso}T12:00:00Z`) + days * DAY));
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY);
/** A timestamp on the given date, at a working hour. */
export const at = (iso: string, hour = 10, minute = 0): Date =>
  new Date(`${iso}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+01:00`);
