// A binary min-heap of (due time, id): the one scheduler behind all devices, so 10,000 loggers cost one
// timer, not 10,000 intervals.
export class MinHeap {
  private readonly due: number[] = [];
  private readonly ids: number[] = [];

  get size(): number {
    return this.due.length;
  }

  push(due: number, id: number): void {
    this.due.push(due);
    this.ids.push(id);
    let i = this.due.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.due[parent] ?? 0) <= (this.due[i] ?? 0)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Earliest due time, or undefined when empty. */
  peek(): number | undefined {
    return this.due[0];
  }

  /** Removes and returns the id with the earliest due time. */
  pop(): number | undefined {
    const n = this.due.length;
    if (n === 0) return undefined;
    const top = this.ids[0];
    this.swap(0, n - 1);
    this.due.pop();
    this.ids.pop();
    let i = 0;
    const size = n - 1;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && (this.due[l] ?? 0) < (this.due[m] ?? 0)) m = l;
      if (r < size && (this.due[r] ?? 0) < (this.due[m] ?? 0)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }

  private swap(a: number, b: number): void {
    const d = this.due[a] ?? 0;
    this.due[a] = this.due[b] ?? 0;
    this.due[b] = d;
    const x = this.ids[a] ?? 0;
    this.ids[a] = this.ids[b] ?? 0;
    this.ids[b] = x;
  }
}
