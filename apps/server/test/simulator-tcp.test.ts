// The simulator against a small HJ 212 host on 127.0.0.1: frames with Hj212Framer, decodes with decodeFrame
// and answers with replyFor, with switchable misbehaviour (ignore frames, drop connections).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { test } from 'node:test';
import { Hj212Framer, decodeFrame, makeQn, replyFor, requestAck, setTimeCommand, setTimeoutCommand } from '@ecoenforce/hj212';
import type { CrcVariant, Packet } from '@ecoenforce/hj212';
import { demoDevices, startSimulator } from '../src/simulator/index.ts';
import type { SimulatorHandle } from '../src/simulator/index.ts';

const T0 = Date.UTC(2026, 0, 1, 16); // 2026-01-02 00:00 Beijing, on every period boundary
const MIN = 60_000;
const HOUR = 3_600_000;

interface Received {
  packet: Packet;
  crcVariant: CrcVariant | null;
}

type Policy = (p: Packet, socket: Socket, index: number) => 'ack' | 'ignore' | 'drop' | 'refuse';

class TestHost {
  readonly received: Received[] = [];
  readonly decodeErrors: string[] = [];
  /** MN/QN of each acknowledged upload: a QN is unique per logger, not across loggers (two clocks can agree). */
  readonly ackedQns = new Set<string>();
  readonly sockets = new Set<Socket>();
  policy: Policy = () => 'ack';
  onConnect: ((socket: Socket) => void) | null = null;
  private readonly server: Server;

  constructor() {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
      this.onConnect?.(socket);
      const framer = new Hj212Framer();
      socket.on('data', (chunk: Buffer) => {
        framer.push(chunk, {
          frame: (f) => {
            const r = decodeFrame(f);
            if (!r.ok) {
              this.decodeErrors.push(`${r.error.code}: ${r.error.detail}`);
              return;
            }
            this.received.push({ packet: r.packet, crcVariant: r.crcVariant });
            if (socket.destroyed) return;
            switch (this.policy(r.packet, socket, this.received.length)) {
              case 'ack': {
                const reply = replyFor(r.packet);
                if (reply !== null) {
                  if (r.packet.qn !== null && r.packet.cn.startsWith('20')) this.ackedQns.add(`${r.packet.mn}/${r.packet.qn}`);
                  socket.write(reply);
                }
                return;
              }
              case 'ignore':
                return;
              case 'drop':
                socket.destroy();
                return;
              case 'refuse':
                socket.write(requestAck(r.packet, 4)); // QnRtn 4: MN error
                return;
            }
          },
          error: (e) => this.decodeErrors.push(`${e.code}: ${e.detail}`),
        });
      });
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port)));
  }

  uploads(cn?: string): Packet[] {
    return this.received.map((r) => r.packet).filter((p) => (cn === undefined ? p.cn.startsWith('20') : p.cn === cn));
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function until(what: string, cond: () => boolean, timeoutMs = 8000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const key = (p: Packet): string => `${p.mn}/${p.cn}/${p.dataTimeText}/${p.pno ?? ''}`;

async function withHost(fn: (host: TestHost, port: number) => Promise<void>): Promise<void> {
  const host = new TestHost();
  const port = await host.listen();
  try {
    await fn(host, port);
  } finally {
    await host.close();
  }
}

void test('schedule over TCP: every CRC verifies, modbus logger uses its variant, counts follow simulated time, all acked', async () => {
  await withHost(async (host, port) => {
    const devices = demoDevices(3, 5);
    const sim = startSimulator({ devices, host: '127.0.0.1', port, speed: 3600, start: T0, scenarios: ['modbus-crc'] });
    let stopped = false;
    try {
      await until('an hourly frame from every device', () => new Set(host.uploads('2061').map((p) => p.mn)).size === 3);
      await sim.stop();
      stopped = true;
      const s = sim.stats();
      assert.deepEqual(host.decodeErrors, []);
      const modbusMn = devices[0]?.mn; // modbus-crc goes to the first free device
      for (const { packet, crcVariant } of host.received) {
        assert.equal(crcVariant, packet.mn === modbusMn ? 'modbus-lo-first' : 'hj212', `${packet.mn} ${packet.cn}`);
        assert.equal(packet.flag, 5, 'HJ 212-2017, A bit set');
        assert.match(packet.qn ?? '', /^\d{17}$/);
      }
      for (const d of devices) {
        const mine = (cn: string): Packet[] => host.uploads(cn).filter((p) => p.mn === d.mn);
        // Distinct DataTimes: a logger with many factors splits its period data into subpackets.
        const minutes = [...new Set(mine('2051').map((p) => p.dataTime ?? 0))];
        assert.ok(minutes.length >= 60);
        minutes.forEach((t, i) => assert.equal(t, T0 + i * MIN, 'minute DataTime: consecutive period starts'));
        const rtd = mine('2011').length;
        assert.ok(Math.abs(rtd - 2 * minutes.length) <= 2, `2011 ${rtd} vs 2051 ${minutes.length}`);
        // The first hour at least; on a busy machine the next may be sent before the simulator stops.
        const hours = [...new Set(mine('2061').map((p) => p.dataTime))];
        assert.ok(hours.length >= 1);
        hours.forEach((t, i) => assert.equal(t, T0 + i * HOUR, 'hour DataTime: consecutive period starts'));
        const qns = host.received.filter((r) => r.packet.mn === d.mn).map((r) => r.packet.qn);
        assert.equal(new Set(qns).size, qns.length, 'QN unique per device');
        const hour = mine('2061')[0];
        assert.ok(hour !== undefined && typeof hour.values[d.kind === 'air' ? 'a00000-Cou' : 'w00000-Cou'] === 'number');
      }
      // Nothing lost, nothing acknowledged twice.
      assert.equal(s.sent, host.uploads().length);
      assert.equal(s.acked, host.ackedQns.size);
      assert.equal(sim.unacked(), 0);
      assert.equal(s.retransmitted, 0);
      assert.ok(s.ackLatencyMs.count === s.acked);
    } finally {
      if (!stopped) await sim.stop();
    }
  });
});

void test('ignored frames are retransmitted, dropped connections reconnect, every frame is acked exactly once', async () => {
  await withHost(async (host, port) => {
    let faulty = true;
    host.policy = (_p, _s, i) => (!faulty ? 'ack' : i % 37 === 0 ? 'drop' : i % 5 === 0 ? 'ignore' : 'ack');
    const devices = demoDevices(4, 6);
    const sim = startSimulator({ devices, host: '127.0.0.1', port, speed: 1800, start: T0, overTimeMs: 150 });
    try {
      await until('reconnects and retransmits', () => sim.stats().reconnects >= 2 && sim.stats().retransmitted >= 5);
      faulty = false;
      const cut = host.received.length;
      // Everything the host had seen while faulty is acked once it behaves.
      const seenWhileFaulty = new Set(host.received.slice(0, cut).filter((r) => r.packet.cn.startsWith('20')).map((r) => `${r.packet.mn}/${r.packet.qn ?? ''}`));
      await until('backlog acked', () => [...seenWhileFaulty].every((qn) => host.ackedQns.has(qn)));
    } finally {
      await sim.stop();
    }
    const s = sim.stats();
    assert.deepEqual(host.decodeErrors, []);
    assert.equal(sim.unacked(), 0);
    const distinct = new Set(host.uploads().map(key));
    assert.ok(host.uploads().length > distinct.size, 'the host saw duplicates (retransmissions)');
    assert.equal(s.acked, distinct.size, 'acked once per distinct (MN, CN, DataTime)');
    assert.equal(s.sent, distinct.size);
    assert.ok(s.retransmitted >= 5 && s.reconnects >= 2);
    // Minute data has no holes despite the faults.
    for (const d of devices) {
      const minutes = [...new Set(host.uploads('2051').filter((p) => p.mn === d.mn).map((p) => p.dataTime ?? 0))].sort((a, b) => a - b);
      minutes.forEach((t, i) => assert.equal(t, T0 + i * MIN));
    }
  });
});

void test('a refused upload (9011 QnRtn ≠ 1) is counted and not retransmitted', async () => {
  await withHost(async (host, port) => {
    host.policy = () => 'refuse';
    const sim = startSimulator({ devices: demoDevices(1, 12), host: '127.0.0.1', port, speed: 600, start: T0, overTimeMs: 100 });
    try {
      await until('refusals', () => sim.stats().rejected >= 10);
      await new Promise((r) => setTimeout(r, 300)); // three OverTimes: nothing may be resent
    } finally {
      await sim.stop();
    }
    const s = sim.stats();
    assert.equal(s.retransmitted, 0);
    assert.equal(s.acked, 0);
    assert.equal(s.rejected, s.sent - sim.unacked());
  });
});

void test('subpackets: each 2051 in two self-contained parts with PNUM/PNO, D bit, own QN, same DataTime', async () => {
  await withHost(async (host, port) => {
    const devices = demoDevices(1, 7);
    const sim = startSimulator({ devices, host: '127.0.0.1', port, speed: 1200, start: T0, scenarios: ['subpackets'] });
    try {
      await until('three minutes', () => host.uploads('2051').length >= 6);
    } finally {
      await sim.stop();
    }
    const parts = host.uploads('2051');
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const [a, b] = [parts[i], parts[i + 1]];
      assert.ok(a !== undefined && b !== undefined);
      assert.equal(a.flag, 7, '2017 + D + A');
      assert.deepEqual([a.pnum, a.pno, b.pnum, b.pno], [2, 1, 2, 2]);
      assert.equal(a.dataTimeText, b.dataTimeText);
      assert.notEqual(a.qn, b.qn);
      const codes = (p: Packet): Set<string> => new Set(Object.keys(p.values).map((k) => k.split('-')[0] ?? k));
      const union = new Set([...codes(a), ...codes(b)]);
      assert.deepEqual([...union].sort(), [...(devices[0]?.factors ?? [])].sort());
      assert.ok([...codes(a)].every((c) => !codes(b).has(c)), 'each factor in one part only');
    }
    assert.equal(sim.stats().acked, host.ackedQns.size, 'every part acknowledged by its own QN');
    assert.ok(host.uploads('2011').every((p) => p.pnum === undefined), 'only minute data is split');
  });
});

void test('offline: the logger goes silent, reconnects and backfills its minute data', async () => {
  await withHost(async (host, port) => {
    const devices = demoDevices(1, 8);
    const sim = startSimulator({ devices, host: '127.0.0.1', port, speed: 3600, start: T0, scenarios: ['offline'] });
    try {
      // The outage is 00:20–01:20 simulated; wait for data from after it.
      await until('data after the outage', () => host.uploads('2051').some((p) => (p.dataTime ?? 0) >= T0 + 90 * MIN));
      await until('backfill acked', () => sim.unacked() < 3);
    } finally {
      await sim.stop();
    }
    const s = sim.stats();
    assert.ok(s.reconnects >= 1);
    const minutes = [...new Set(host.uploads('2051').map((p) => p.dataTime ?? 0))].sort((a, b) => a - b);
    minutes.forEach((t, i) => assert.equal(t, T0 + i * MIN, 'no gap in minute data'));
    const rtdInOutage = host.uploads('2011').filter((p) => (p.dataTime ?? 0) > T0 + 21 * MIN && (p.dataTime ?? 0) < T0 + 79 * MIN);
    assert.equal(rtdInOutage.length, 0, 'stale real-time values are not backfilled');
  });
});

void test('1012 sets a drifting clock (9011 then 9012 echo the QN); 1000 sets OverTime/ReCount', async () => {
  await withHost(async (host, port) => {
    const devices = demoDevices(1, 9);
    const d = devices[0];
    assert.ok(d !== undefined);
    const logs: string[] = [];
    let sentCommands = false;
    const setQn = makeQn(Date.now());
    const timeoutQn = makeQn(Date.now() + 1);
    host.policy = (p, socket) => {
      if (!sentCommands && p.cn === '2011') {
        sentCommands = true;
        socket.write(setTimeCommand({ mn: d.mn, pw: d.pw, version: '2017', st: d.st, qn: setQn, systemTime: Date.now() }));
        socket.write(setTimeoutCommand({ mn: d.mn, pw: d.pw, version: '2017', st: d.st, qn: timeoutQn, overTime: 5, reCount: 2 }));
      }
      return 'ack';
    };
    const sim = startSimulator({ devices, host: '127.0.0.1', port, speed: 600, start: T0, scenarios: ['clock-drift'], log: (l) => logs.push(l) });
    try {
      await until('both results', () => host.received.filter((r) => r.packet.cn === '9012').length >= 2);
    } finally {
      await sim.stop();
    }
    const replies = host.received.map((r) => r.packet).filter((p) => p.cn === '9011' || p.cn === '9012');
    assert.deepEqual(
      replies.filter((p) => p.qn === setQn).map((p) => [p.cn, p.cp.QnRtn ?? p.cp.ExeRtn, p.st]),
      [['9011', '1', '91'], ['9012', '1', '91']],
    );
    assert.deepEqual(replies.filter((p) => p.qn === timeoutQn).map((p) => p.cn), ['9011', '9012']);
    const before = host.uploads('2011')[0];
    assert.ok(before !== undefined && (before.dataTime ?? 0) >= T0 + 3 * MIN, 'ahead by minutes before the 1012');
    assert.ok(logs.some((l) => /clock set by 1012 \(error was 1[89]\d s\)/.test(l)), logs.join('\n'));
    assert.equal(sim.stats().commands, 2);
  });
});

void test('load mode keeps a window of minute frames in flight, DataTime advancing a minute per frame', async () => {
  await withHost(async (host, port) => {
    const devices = demoDevices(3, 10);
    const sim: SimulatorHandle = startSimulator({ devices, host: '127.0.0.1', port, start: T0, scenarios: ['load'], window: 4 });
    try {
      await until('300 frames', () => sim.stats().acked >= 300);
    } finally {
      await sim.stop();
    }
    assert.equal(host.uploads('2011').length, 0);
    for (const d of devices) {
      const minutes = [...new Set(host.uploads('2051').filter((p) => p.mn === d.mn).map((p) => p.dataTime ?? 0))];
      minutes.forEach((t, i) => assert.equal(t, T0 + i * MIN));
    }
    assert.equal(sim.stats().sent, host.uploads().length);
    assert.ok(sim.unacked() <= 3 * 4);
  });
});

void test('rate mode sends at most the configured rate (token bucket)', async () => {
  await withHost(async (host, port) => {
    const sim = startSimulator({ devices: demoDevices(2, 11), host: '127.0.0.1', port, start: T0, rate: 200 });
    const t0 = Date.now();
    try {
      await until('50 frames', () => host.uploads().length >= 50);
    } finally {
      await sim.stop();
    }
    // An upper bound only (a slow machine sends fewer): 200/s plus the 100 ms burst allowance.
    const elapsed = (Date.now() - t0) / 1000;
    assert.ok(host.uploads().length <= 200 * elapsed + 25, `${host.uploads().length} in ${elapsed} s`);
  });
});
