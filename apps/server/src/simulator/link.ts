// One logger's TCP connection: streams frames, matches 9014 replies to uploads by QN, retransmits what is
// not acknowledged after OverTime and after every reconnect (HJ 212-2017 §6.4: resend on timeout; the host's
// 1000 command may change OverTime/ReCount), and reconnects with capped, jittered exponential back-off.
import { connect, type Socket } from 'node:net';
import { Hj212Framer, decodeFrame, encodePacket, makeQn, type CrcVariant, type Packet, type PacketInput } from '@ecoenforce/hj212';
import { mulberry32 } from './prng.ts';
import type { Counters, LatencyHistogram } from './stats.ts';

interface Outstanding {
  seq: number;
  qn: string;
  bytes: Uint8Array;
  /** Real ms of the latest transmission; 0 while never transmitted (offline or disconnected). */
  lastSent: number;
  tries: number;
}

/** What a link needs from its simulator (one per process; links never talk to each other). */
export interface LinkHost {
  readonly host: string;
  readonly port: number;
  readonly counters: Counters;
  readonly latency: Pick<LatencyHistogram, 'record'>;
  /** Real (wall) clock, ms. */
  now(): number;
  /** Most unacknowledged frames a device keeps; the oldest is dropped beyond it. */
  readonly maxUnacked: number;
  /** Queue a connection attempt (the host limits how many are in progress at once). */
  requestConnect(link: Link): void;
  connectDone(link: Link): void;
  onOpen(link: Link): void;
  /** An upload was answered: `acked` with 9014 (its QN and bytes), or refused with 9011 (`acked` null). */
  onAck(link: Link, acked: { qn: string; bytes: Uint8Array } | null): void;
  /** A host request or notice that is not a reply (1012, 1000, 1011…). */
  onCommand(link: Link, packet: Packet): void;
}

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

export class Link {
  private socket: Socket | null = null;
  private state: 'idle' | 'connecting' | 'open' | 'waiting' | 'offline' | 'stopped' = 'idle';
  private readonly pending = new Map<string, Outstanding>();
  private seq = 0;
  private attempt = 0;
  private everOpened = false;
  private lastQnMs = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly rnd: () => number;
  /** HJ 212-2017 §6.4 defaults: OverTime 10 s, ReCount 3 (the host may change them with 1000). */
  overTimeMs: number;
  reCount = 3;

  constructor(
    readonly index: number,
    readonly mn: string,
    private readonly crcVariant: CrcVariant | undefined,
    private readonly host: LinkHost,
    overTimeMs: number,
    seed: number,
  ) {
    this.overTimeMs = overTimeMs;
    this.rnd = mulberry32(seed ^ 0x5eed);
  }

  get open(): boolean {
    return this.state === 'open';
  }

  get unacked(): number {
    return this.pending.size;
  }

  /** QNs of the uploads not yet acknowledged (reliability tests). */
  unackedQns(): string[] {
    return [...this.pending.keys()];
  }

  /** Start connecting (or keep the frames queued while offline). */
  start(): void {
    if (this.state === 'idle') {
      this.state = 'connecting';
      this.host.requestConnect(this);
    }
  }

  /**
   * Frame an upload with a fresh QN (the device's clock `deviceNow`, kept strictly increasing so two
   * frames of the same instant, e.g. subpacket parts, never share a QN) and send it or queue it.
   */
  send(packet: Omit<PacketInput, 'qn'>, deviceNow: number): string {
    const qnMs = Math.max(Math.floor(deviceNow), this.lastQnMs + 1);
    this.lastQnMs = qnMs;
    const qn = makeQn(qnMs);
    const bytes = encodePacket({ ...packet, qn }, this.crcVariant === undefined ? {} : { crcVariant: this.crcVariant });
    if (this.pending.size >= this.host.maxUnacked) {
      const oldest = this.pending.keys().next();
      if (oldest.done !== true) this.pending.delete(oldest.value);
      this.host.counters.dropped++;
    }
    const o: Outstanding = { seq: this.seq++, qn, bytes, lastSent: 0, tries: 0 };
    this.pending.set(qn, o);
    if (this.state === 'open') this.transmit(o);
    return qn;
  }

  /** Send a packet that expects no 9014 (replies 9011/9012, notices). Dropped when not connected. */
  sendUntracked(packet: PacketInput): void {
    if (this.socket === null || this.state !== 'open') return;
    this.socket.write(encodePacket(packet, this.crcVariant === undefined ? {} : { crcVariant: this.crcVariant }));
  }

  private transmit(o: Outstanding): void {
    if (this.socket === null) return;
    const c = this.host.counters;
    if (o.tries === 0) c.sent++;
    else c.retransmitted++;
    o.tries++;
    // A frame that has gone ReCount retries unanswered is counted once; it stays queued until acked.
    if (o.tries === this.reCount + 2) c.unanswered++;
    o.lastSent = this.host.now();
    // Keep the map ordered by last transmission so the timeout sweep stops at the first recent frame.
    this.pending.delete(o.qn);
    this.pending.set(o.qn, o);
    this.socket.write(o.bytes);
  }

  /** Run `fn` with the socket corked, so the frames it sends go out in one write. */
  batch(fn: () => void): void {
    const socket = this.socket;
    if (socket === null || this.state !== 'open') {
      fn();
      return;
    }
    socket.cork();
    try {
      fn();
    } finally {
      socket.uncork();
    }
  }

  /** Retransmit frames not acknowledged within OverTime. Called by the simulator's single sweep timer. */
  sweep(now: number): void {
    if (this.state !== 'open' || this.pending.size === 0) return;
    const due: Outstanding[] = [];
    for (const o of this.pending.values()) {
      if (now - o.lastSent < this.overTimeMs) break;
      due.push(o);
    }
    this.batch(() => {
      for (const o of due) this.transmit(o);
    });
  }

  /** Called by the host when a connection slot is free. */
  connectNow(): void {
    if (this.state !== 'connecting') {
      this.host.connectDone(this);
      return;
    }
    const socket = connect({ host: this.host.host, port: this.host.port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(CONNECT_TIMEOUT_MS);
    const framer = new Hj212Framer();
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        this.host.connectDone(this);
      }
    };
    socket.on('timeout', () => {
      if (this.state === 'connecting') socket.destroy();
    });
    socket.on('connect', () => {
      release();
      socket.setTimeout(0);
      if (this.state !== 'connecting' || this.socket !== socket) {
        socket.destroy();
        return;
      }
      this.state = 'open';
      this.attempt = 0;
      this.host.counters.connects++;
      if (this.everOpened) this.host.counters.reconnects++;
      this.everOpened = true;
      // Everything still unacknowledged goes again, oldest first.
      const all = [...this.pending.values()].sort((a, b) => a.seq - b.seq);
      this.batch(() => {
        for (const o of all) this.transmit(o);
      });
      this.host.onOpen(this);
    });
    socket.on('data', (chunk: Buffer) => {
      // Frames sent in answer to this chunk (load mode refills its window per ack) leave in one write.
      socket.cork();
      framer.push(chunk, {
        frame: (f) => {
          const r = decodeFrame(f);
          if (r.ok) this.onPacket(r.packet);
          else this.host.counters.badReplies++;
        },
        error: () => {
          this.host.counters.badReplies++;
        },
      });
      socket.uncork();
    });
    socket.on('error', () => {
      // 'close' follows; the reason does not change what a logger does (wait and retry).
    });
    socket.on('close', () => {
      release();
      // A socket left behind (offline then online again before it closed) must not touch the new one.
      if (this.socket !== socket) return;
      this.socket = null;
      const wasOpen = this.state === 'open';
      if (wasOpen) this.host.counters.disconnects++;
      else if (this.state === 'connecting') this.host.counters.connectFailures++;
      if (this.state === 'open' || this.state === 'connecting') this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    this.state = 'waiting';
    // Exponential back-off with "equal jitter": half the step fixed, half random, capped.
    const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.attempt, 20));
    this.attempt++;
    const delay = step / 2 + (this.rnd() * step) / 2;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.state !== 'waiting') return;
      this.state = 'connecting';
      this.host.requestConnect(this);
    }, delay);
  }

  private onPacket(p: Packet): void {
    switch (p.cn) {
      case '9014': {
        const o = p.qn === null ? undefined : this.pending.get(p.qn);
        if (o === undefined) {
          this.host.counters.duplicateAcks++;
          return;
        }
        this.pending.delete(o.qn);
        this.host.counters.acked++;
        this.host.latency.record(this.host.now() - o.lastSent);
        this.host.onAck(this, o);
        return;
      }
      case '9011': {
        // The host refused an upload (QnRtn ≠ 1: bad PW, MN, CRC…): resending the same bytes cannot help.
        const o = p.qn === null ? undefined : this.pending.get(p.qn);
        if (o !== undefined && p.cp.QnRtn !== undefined && p.cp.QnRtn !== '1') {
          this.pending.delete(o.qn);
          this.host.counters.rejected++;
          this.host.onAck(this, null);
        }
        return;
      }
      case '9012':
      case '9013':
        return;
      default:
        this.host.onCommand(this, p);
    }
  }

  /** Close the connection and keep queuing (offline scenario). */
  goOffline(): void {
    if (this.state === 'stopped' || this.state === 'offline') return;
    if (this.state === 'open') this.host.counters.disconnects++;
    this.state = 'offline';
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.end();
  }

  goOnline(): void {
    if (this.state !== 'offline') return;
    this.state = 'connecting';
    this.host.requestConnect(this);
  }

  /** Close cleanly (FIN), waiting briefly for the peer, then force. */
  stop(): Promise<void> {
    this.state = 'stopped';
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    if (socket === null || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => socket.destroy(), 1000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }
}
