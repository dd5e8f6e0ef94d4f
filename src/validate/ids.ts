// The event ids seen so far, to report a repeated one: an open-addressing table of 64-bit hashes
// and the line each was first seen on, in one typed array (12 bytes a slot) rather than a Set
// of strings (about 80 bytes an id). It is kept up to 80% full and grows by half, or at once to
// a size the caller reserves (about 15-17 bytes an id, against 24 when doubling at 70%). It
// grows up to `maxSlots`; once that is full it stops taking new ids, but still finds repeats of
// the ones it holds (see `full`).
const LOAD = 0.8;

export class IdSet {
  private table: Int32Array;
  private slots: number;
  private size = 0;
  /** Set once an id could not be recorded: later repeats among unrecorded ids go unnoticed. */
  full = false;

  constructor(private readonly maxSlots = 1 << 22, slots = 1 << 14) {
    this.slots = Math.min(slots, maxSlots);
    this.table = new Int32Array(this.slots * 3);
  }

  get count(): number { return this.size; }

  /**
   * The line an id was first seen on, or 0 when it is new (and now recorded, if there is room).
   * The hash comes as two int32s, which V8 passes unboxed; an uint32 over 2^31 may be boxed.
   */
  seen(a: number, b: number, line: number): number {
    const t = this.table;
    // 31 bits, so that the remainder is an integer one (an uint32 over 2^31 would be a double).
    let i = ((a ^ Math.imul(b, 0x9e3779b1)) & 0x7fffffff) % this.slots;
    for (;;) {
      const at = i * 3;
      if (t[at + 2] === 0) break;
      if (t[at] === a && t[at + 1] === b) return t[at + 2]!;
      if (++i === this.slots) i = 0;
    }
    if (this.size + 1 > this.slots * LOAD) {
      if (this.slots === this.maxSlots) { this.full = true; return 0; }
      this.grow();
      return this.seen(a, b, line);
    }
    const at = i * 3;
    t[at] = a; t[at + 1] = b; t[at + 2] = line;
    this.size++;
    return 0;
  }

  /** Makes room for `n` ids in all (up to the bound) at once, when the caller can tell. */
  reserve(n: number): void {
    if (n > this.slots * LOAD && this.slots < this.maxSlots) this.grow(Math.ceil(n / LOAD));
  }

  private grow(slots = this.slots * 1.5): void {
    const old = this.table;
    this.slots = Math.min(Math.ceil(slots), this.maxSlots);
    this.table = new Int32Array(this.slots * 3);
    this.size = 0;
    for (let at = 0; at < old.length; at += 3) if (old[at + 2] !== 0) this.seen(old[at]!, old[at + 1]!, old[at + 2]!);
  }
}
