// Subpacket reassembly (HJ 212-2017 §6.3.3 D bit, C.49/C.50): each part carries its own QN, the same CN and
// DataTime, PNUM/PNO, and a self-contained CP holding a subset of the factors. Parts are parsed standalone,
// grouped by (MN, CN, DataTime, PNUM) and merged when all PNUM parts arrived; incomplete sets time out.
import type { Packet } from './types.ts';
import { FLAG_D } from './version.ts';

export interface ExpiredSet {
  mn: string;
  cn: string;
  dataTimeText: string | null;
  received: number;
  pnum: number;
}

interface PendingSet {
  first: number;
  pnum: number;
  parts: Map<number, Packet>;
}

export class SubpacketAssembler {
  private readonly sets = new Map<string, PendingSet>();
  private readonly evicted: ExpiredSet[] = [];
  private readonly timeoutMs: number;
  private readonly maxPending: number;
  private readonly maxHeldParts: number;
  private held = 0;
  /** Parts not held because their PNO was outside 1…PNUM (they can never complete a set). */
  rejectedParts = 0;

  /**
   * `maxPending` caps the sets waiting, `maxHeldParts` the parts held across all of them (memory: a
   * logger announcing PNUM=9999 cannot make us keep 9,999 parts of each of a thousand sets); beyond
   * either, the oldest set is evicted and reported by `expire()` as incomplete.
   */
  constructor(opts: { timeoutMs?: number; maxPending?: number; maxHeldParts?: number } = {}) {
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.maxPending = opts.maxPending ?? 1000;
    this.maxHeldParts = opts.maxHeldParts ?? 20_000;
  }

  /** Parts held across all pending sets. */
  get heldParts(): number {
    return this.held;
  }

  get pending(): number {
    return this.sets.size;
  }

  /**
   * A packet without PNUM (or PNUM ≤ 1) is returned as is. A part returns null until its set is complete,
   * then the merged packet: the lowest part's header (its QN), values and cp the union in PNO order (later
   * parts win on duplicate keys), PNUM/PNO removed and the D bit cleared. A repeated PNO replaces the earlier.
   */
  add(p: Packet, now: number): Packet | null {
    if (p.pnum === undefined || p.pnum <= 1) return p;
    const pno = p.pno ?? 0;
    if (!Number.isInteger(pno) || pno < 1 || pno > p.pnum) {
      this.rejectedParts++;
      return null;
    }
    const key = `${p.mn}\u0000${p.cn}\u0000${p.dataTimeText ?? ''}\u0000${p.pnum}`;
    let set = this.sets.get(key);
    if (set === undefined) {
      if (this.sets.size >= this.maxPending) this.evictOldest();
      set = { first: now, pnum: p.pnum, parts: new Map() };
      this.sets.set(key, set);
    }
    if (!set.parts.has(pno)) {
      while (this.held >= this.maxHeldParts && this.sets.size > 1) this.evictOldest(key);
      this.held++;
    }
    set.parts.set(pno, p);
    if (set.parts.size < set.pnum) return null;
    this.remove(key, set);
    const parts = [...set.parts.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    const head = parts[0]!;
    const values: Packet['values'] = {};
    const cp: Packet['cp'] = {};
    for (const part of parts) {
      Object.assign(values, part.values);
      Object.assign(cp, part.cp);
    }
    const merged: Packet = { ...head, flag: head.flag === null ? null : head.flag & ~FLAG_D, values, cp };
    delete merged.pnum;
    delete merged.pno;
    return merged;
  }

  /** Sets older than the timeout (and any evicted because too many were pending), removed and reported. */
  expire(now: number): ExpiredSet[] {
    const out = this.evicted.splice(0);
    for (const [key, set] of this.sets) {
      if (now - set.first >= this.timeoutMs) {
        this.remove(key, set);
        out.push(describe(set));
      }
    }
    return out;
  }

  private remove(key: string, set: PendingSet): void {
    this.sets.delete(key);
    this.held -= set.parts.size;
  }

  /** Evicts the oldest set other than `keep` (the one being added to). */
  private evictOldest(keep?: string): void {
    for (const [key, set] of this.sets) {
      if (key === keep) continue;
      this.remove(key, set);
      this.evicted.push(describe(set));
      return;
    }
  }
}

function describe(set: PendingSet): ExpiredSet {
  const any = set.parts.values().next().value!;
  return { mn: any.mn, cn: any.cn, dataTimeText: any.dataTimeText, received: set.parts.size, pnum: set.pnum };
}
