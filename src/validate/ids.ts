// The event ids seen so far, to report a repeated one: an open-addressing table of 64-bit hashes
// and the line each was first seen on, in one typed array (12 bytes a slot) rather than a Set
// of strings (about 80 bytes an id). It grows up to `maxSlots`; once that is 70% full it stops
// taking new ids, but still finds repeats of the ones it holds (see `full`).
export class IdSet {
  private table: Int32Array;
  private mask: number;
  private size = 0;
  /** Set once an id could not be recorded: later repeats among unrecorded ids go unnoticed. */
  full = false;

  constructor(private readonly maxSlots = 1 << 22, slots = 1 << 14) {
    slots = Math.min(slots, maxSlots);
    this.table = new Int32Array(slots * 3);
    this.mask = slots - 1;
  }

  get count(): number { return this.size; }

  /**
   * The line an id was first seen on, or 0 when it is new (and now recorded, if there is room).
   * The hash comes as two int32s, which V8 passes unboxed; an uint32 over 2^31 may be boxed.
   */
  seen(a: number, b: number, line: number): number {
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    const t = this.table;
    for (;;) {
      const at = i * 3;
      if (t[at + 2] === 0) break;
      if (t[at] === a && t[at + 1] === b) return t[at + 2]!;
      i = (i + 1) & this.mask;
    }
    if (this.size + 1 > (this.mask + 1) * 0.7) {
      if ((this.mask + 1) * 2 > this.maxSlots) { this.full = true; return 0; }
      this.grow();
      return this.seen(a, b, line);
    }
    const at = i * 3;
    t[at] = a; t[at + 1] = b; t[at + 2] = line;
    this.size++;
    return 0;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(slots * 3);
    this.mask = slots - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.seen(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}
