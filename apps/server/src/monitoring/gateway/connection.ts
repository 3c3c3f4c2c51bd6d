// One logger connection: its own framer and counters (nothing shared between connections but the
// registry, the committer and the metrics). A frame is acknowledged only after its group commit.
import type { Socket } from 'node:net';
import {
  Hj212Framer,
  decodeFrame,
  groupFactors,
  parseBeijingTime,
  replyFor,
  type FrameSink,
  type Hj212Error,
  type Packet,
  type RawFrame,
} from '@ecoenforce/hj212';
import { clockDrift, crcAllowed, isHeartbeat, periodKindOf } from './classify.ts';
import type { GatewayContext } from './context.ts';
import type { QuarantineReason } from './sink.ts';

/** Evidence kept of a bad region is capped: a hostile stream must not fill the quarantine table. */
const QUARANTINE_BYTES_CAP = 4096;
/** Errors the framer reports for bytes it counts as discarded. */
const FRAMER_REASONS: ReadonlySet<QuarantineReason> = new Set(['bad_header']);

export class LoggerConnection implements FrameSink {
  private readonly framer: Hj212Framer;
  /** Frames handed to the committer and not yet answered. */
  private inflight = 0;
  /** Reading paused: too many frames waiting for their commit. */
  private holdCommits = false;
  /** Reading paused: the logger is not reading its replies (resumed on 'drain'). */
  private holdReplies = false;
  /** Graceful stop: nothing more is read or judged; what was received still commits and is answered. */
  private stopping = false;
  private reading = true;
  private closed = false;
  private corked = false;
  /** Bytes rejected since the last good frame (a stream of junk is cut off). */
  private junkBytes = 0;
  /** The framer's discarded-byte count at the last good frame. */
  private discardedAtGood = 0;
  /** Quarantine records written in the current minute window. */
  private quarantineWindowStart = 0;
  private quarantineInWindow = 0;
  /** When the framer started holding an incomplete frame (ms, monotonic), or 0. */
  partialSince = 0;
  /**
   * When the last complete frame arrived (ms, monotonic; the connect time before the first). The idle
   * timeout is judged from it, not from the last byte: junk dripped a byte at a time is not activity.
   */
  lastFrameAt = performance.now();
  readonly peer: string;

  constructor(
    private readonly socket: Socket,
    private readonly ctx: GatewayContext,
  ) {
    this.peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.framer = new Hj212Framer({ maxSegment: ctx.options.maxSegment, strict: ctx.options.strict });
    socket.setNoDelay(true);
    socket.setTimeout(ctx.options.idleTimeoutMs, () => this.close('idle'));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => {
      if (!this.holdReplies) return;
      this.holdReplies = false;
      this.flow();
    });
    socket.on('error', () => this.close('socket_error'));
    socket.on('close', () => this.onClosed());
  }

  get bufferedBytes(): number {
    return this.framer.bufferedBytes;
  }

  /** Reply bytes written and not yet taken by the kernel (the logger is slow to read them). */
  get queuedReplyBytes(): number {
    return this.socket.writableLength;
  }

  private onData(chunk: Buffer): void {
    if (this.closed || this.stopping) return;
    this.ctx.metrics.bytesReceived.inc(chunk.length);
    this.framer.push(chunk, this);
    if (this.closed) return;
    this.partialSince = this.framer.bufferedBytes > 0 ? this.partialSince || performance.now() : 0;
    // Junk the framer is still skipping (no `##` yet) is not reported until it ends; count it as it comes.
    if (this.junkBytes + this.framer.discarded - this.discardedAtGood > this.ctx.options.maxJunkBytes) {
      this.close('junk');
      return;
    }
    if (!this.holdCommits && this.inflight >= this.ctx.options.maxInflightPerConnection) {
      // Back-pressure: a logger that outruns the store waits in its own TCP window, not in our memory.
      this.holdCommits = true;
      this.ctx.metrics.backpressure.inc({ why: 'commits' });
    }
    this.checkReplyQueue();
    this.flow();
  }

  /** Pause or resume reading: paused while any hold is on. */
  private flow(): void {
    const hold = this.stopping || this.holdCommits || this.holdReplies;
    if (hold && this.reading) {
      this.reading = false;
      this.socket.pause();
    } else if (!hold && !this.reading && !this.closed) {
      // While we held the socket for our store, the logger could not finish its frame nor send another:
      // its frame and idle clocks restart now.
      const t = performance.now();
      if (this.partialSince !== 0) this.partialSince = t;
      this.lastFrameAt = Math.max(this.lastFrameAt, t);
      this.reading = true;
      this.socket.resume();
    }
  }

  private checkReplyQueue(): void {
    const s = this.socket;
    // Only while a 'drain' is due (a write returned false), which is what resumes us; a cap below the
    // socket's high-water mark therefore acts as that mark.
    if (this.holdReplies || s.writableLength <= this.ctx.options.maxQueuedReplyBytes || !s.writableNeedDrain) return;
    this.holdReplies = true;
    this.ctx.metrics.backpressure.inc({ why: 'replies' });
  }

  /** FrameSink: a complete frame with a plausible CRC field and trailer. */
  frame(raw: RawFrame): void {
    const receivedAt = this.ctx.now();
    const arrived = performance.now();
    this.lastFrameAt = arrived;
    // A frame ended here: whatever the framer holds after this chunk is a new partial frame, and its clock
    // starts now (a logger pipelining frames always has one in progress at a chunk's end).
    this.partialSince = 0;
    const bytes = Buffer.from(raw.bytes); // the framer may reuse its buffer
    const res = decodeFrame(raw, { crc: false, strict: this.ctx.options.strict });
    if (!res.ok) {
      this.reject(res.error.code, res.error.detail, bytes, null, res.error.offset);
      return;
    }
    const p = res.packet;
    if (res.crcVariant === null) {
      this.reject('crc_mismatch', `CRC ${raw.crcText} matches no known variant`, bytes, p.mn, raw.offset);
      return;
    }
    const point = this.ctx.registry.lookup(p.mn);
    if (point === undefined) {
      this.reject('unknown_mn', `MN ${p.mn} is not registered`, bytes, p.mn, raw.offset);
      return;
    }
    if (p.pw !== point.pw) {
      this.reject('wrong_pw', `wrong PW for MN ${p.mn}`, bytes, p.mn, raw.offset);
      return;
    }
    if (!crcAllowed(res.crcVariant, point)) {
      this.reject('crc_variant_not_allowed', `CRC variant ${res.crcVariant} not registered for MN ${p.mn}`, bytes, p.mn, raw.offset);
      return;
    }
    this.junkBytes = 0;
    this.discardedAtGood = this.framer.discarded;
    if (isHeartbeat(p)) {
      this.ctx.metrics.framesAccepted.inc({ cn: p.cn });
      this.reply(p, arrived);
      return;
    }
    this.checkClock(p, receivedAt);
    if (p.pnum !== undefined && p.pnum > 1) this.ctx.subpackets.add(p, receivedAt);
    const periodKind = periodKindOf(p.cn);
    this.inflight++;
    this.ctx.committer.addAccepted(
      {
        pointId: point.pointId,
        mn: p.mn,
        receivedAt,
        peer: this.peer,
        bytes,
        cn: p.cn,
        qn: p.qn,
        version: p.version,
        crcVariant: res.crcVariant,
        dataTime: p.dataTime,
        periodKind,
        factors: periodKind === null ? [] : groupFactors(p.values),
      },
      (durable) => this.onCommitted(p, durable, arrived),
    );
  }

  /** FrameSink: a bad region of the stream (never thrown by the framer). */
  error(e: Hj212Error): void {
    this.partialSince = 0;
    const bytes = e.bytes ?? new Uint8Array(0);
    this.reject(e.code, e.detail, bytes, null, e.offset);
  }

  private reject(reason: QuarantineReason, detail: string, bytes: Uint8Array, mn: string | null, offset: number): void {
    this.ctx.metrics.framesRejected.inc({ reason });
    // Framer errors are already in `discarded`; frames rejected after decoding (MN, PW, CRC) are not.
    if (!FRAMER_REASONS.has(reason)) this.junkBytes += Math.max(bytes.length, 1);
    const now = this.ctx.now();
    if (now - this.quarantineWindowStart >= 60_000) {
      this.quarantineWindowStart = now;
      this.quarantineInWindow = 0;
    }
    if (this.quarantineInWindow >= this.ctx.options.quarantinePerMinute) {
      this.ctx.metrics.quarantineDropped.inc();
      return;
    }
    this.quarantineInWindow++;
    const kept = bytes.length > QUARANTINE_BYTES_CAP ? bytes.subarray(0, QUARANTINE_BYTES_CAP) : bytes;
    this.ctx.committer.addQuarantined({
      mn,
      receivedAt: now,
      peer: this.peer,
      bytes: Buffer.from(kept),
      reason,
      detail: `${detail} (stream offset ${offset}${bytes.length > kept.length ? `, ${bytes.length} bytes, first ${kept.length} kept` : ''})`,
    });
  }

  private onCommitted(p: Packet, durable: boolean, arrived: number): void {
    this.inflight--;
    if (durable) {
      this.ctx.metrics.framesAccepted.inc({ cn: p.cn });
      this.reply(p, arrived);
    }
    if (this.holdCommits && this.inflight <= this.ctx.options.maxInflightPerConnection / 2) {
      this.holdCommits = false;
      this.flow();
    }
  }

  private reply(p: Packet, arrived: number): void {
    const reply = replyFor(p);
    if (reply === null || this.socket.destroyed || !this.socket.writable) return;
    if (!this.corked) {
      // Acks of one group commit leave in one write per connection.
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(reply);
    this.ctx.metrics.acksSent.inc();
    this.ctx.metrics.ackLatency.observe((performance.now() - arrived) / 1000);
    if (!this.holdReplies) {
      this.checkReplyQueue();
      if (this.holdReplies) this.flow();
    }
  }

  private checkClock(p: Packet, receivedAt: number): void {
    const qnTime = p.qn === null ? null : parseBeijingTime(p.qn);
    const command = this.ctx.clockGuard.check(p, clockDrift(qnTime, receivedAt), receivedAt);
    if (command !== null && this.socket.writable) {
      this.socket.write(command);
      this.ctx.metrics.timeCalibrations.inc();
    }
  }

  /**
   * Stop reading for good (graceful stop); frames already queued still commit and get their replies. A
   * commit finishing later must not resume the socket: a frame read after this could be committed after
   * the sink closes, or acknowledged by nobody.
   */
  stopReading(): void {
    this.stopping = true;
    this.flow();
  }

  /** Reading is paused because our store is behind: the logger is waiting for us, not idle or slow. */
  get waitingForStore(): boolean {
    return this.holdCommits;
  }

  get pendingFrames(): number {
    return this.inflight;
  }

  /** Half-close after the last replies; read (and ignore) what still comes so the logger's FIN is seen. */
  end(): void {
    if (this.socket.destroyed) return;
    this.socket.end();
    this.socket.resume();
  }

  close(why: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.metrics.connectionsClosed.inc({ why });
    this.socket.destroy();
  }

  private onClosed(): void {
    if (!this.closed) {
      this.closed = true;
      this.ctx.metrics.connectionsClosed.inc({ why: 'peer' });
    }
    this.ctx.forget(this);
  }
}
