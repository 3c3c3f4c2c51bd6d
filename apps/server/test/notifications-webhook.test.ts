// The outgoing notification webhook against a real local HTTP server (node:http on 127.0.0.1:0): the first
// attempts fail (503, then a dropped connection) and the next is accepted; every request carries the
// timestamp and the HMAC-SHA256 signature over "<timestamp>.<body>"; the retry delays double; every attempt is
// reported (and recorded in the store on SQLite and PostgreSQL); a full queue refuses at once instead of
// waiting, and stop() does not wait for a gateway that never answers. Delays are injected, never measured.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DIALECTS, freshStore, type TestStore } from './store-fixtures.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { Notifier, SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSender, deliveryRecorder, type WebhookPayload } from '../src/notifications/index.ts';

const SECRET = 'a-bureau-secret-of-some-length';

interface Received {
  body: string;
  timestamp: string;
  signature: string;
}

async function gateway(handle: (n: number, req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), timestamp: String(req.headers[TIMESTAMP_HEADER]), signature: String(req.headers[SIGNATURE_HEADER]) });
      handle(received.length, req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, received };
}

const close = (server: Server): Promise<void> => {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
};

/** What a receiving gateway does: recompute the HMAC over "<timestamp>.<body>" and compare in constant time. */
function verify(r: Received): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${r.timestamp}.${r.body}`).digest('hex')}`);
  const got = Buffer.from(r.signature);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

const payload = (id: number): WebhookPayload => ({ id, userId: 7, kind: 'task_assigned', title: '新任务：核查超标排放', body: '您被指派执行任务。', link: '#/dispatch/3', createdAt: 1_700_000_000_000 });

void describe('notification webhook', () => {
  void test('configured per installation: URL and secret from flags or environment; a URL without a secret is refused', () => {
    assert.equal(loadConfig([], {}).config.notifyWebhook, null);
    assert.deepEqual(loadConfig(['--notify-webhook', 'https://sms.example.gov.cn/push', '--notify-webhook-secret', SECRET], {}).config.notifyWebhook, { url: 'https://sms.example.gov.cn/push', secret: SECRET });
    assert.deepEqual(loadConfig([], { ECOENFORCE_NOTIFY_WEBHOOK: 'http://10.0.0.5/im', ECOENFORCE_NOTIFY_WEBHOOK_SECRET: SECRET }).config.notifyWebhook, { url: 'http://10.0.0.5/im', secret: SECRET });
    assert.throws(() => loadConfig(['--notify-webhook', 'https://sms.example.gov.cn/push'], {}), ConfigError);
    assert.throws(() => loadConfig(['--notify-webhook', 'ftp://x', '--notify-webhook-secret', SECRET], {}), ConfigError);
  });

  void test('fails twice, then delivers; signed every time; backoff doubles; every attempt reported', async () => {
    const gw = await gateway((n, _req, res) => {
      if (n === 1) res.writeHead(503).end('busy');
      else if (n === 2) res.socket?.destroy();
      else res.writeHead(200).end('ok');
    });
    const delays: number[] = [];
    const attempts: Array<{ attempt: number; ok: boolean; httpStatus: number | null }> = [];
    let clock = 1_800_000_000_000;
    const sender = new WebhookSender({ url: gw.url, secret: SECRET }, {
      baseDelayMs: 1000, maxAttempts: 5, clock: () => (clock += 1000),
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
      onAttempt: (a) => void attempts.push({ attempt: a.attempt, ok: a.ok, httpStatus: a.httpStatus }),
    });
    try {
      assert.equal(sender.enqueue(payload(41)), true);
      await sender.idle();
      assert.equal(gw.received.length, 3);
      assert.deepEqual(attempts, [{ attempt: 1, ok: false, httpStatus: 503 }, { attempt: 2, ok: false, httpStatus: null }, { attempt: 3, ok: true, httpStatus: 200 }]);
      assert.deepEqual(delays, [1000, 2000]);
      assert.deepEqual(sender.counters, { delivered: 1, failedAttempts: 2, gaveUp: 0, dropped: 0 });
      for (const r of gw.received) {
        assert.ok(verify(r), `signature of ${r.body}`);
        assert.deepEqual(JSON.parse(r.body), { event: 'notification', notification: payload(41) });
      }
      // Each attempt is signed afresh with its own timestamp; a tampered body or a wrong secret fails the check.
      assert.equal(new Set(gw.received.map((r) => r.timestamp)).size, 3);
      assert.ok(!verify({ ...gw.received[2]!, body: gw.received[2]!.body.replace('41', '42') }));
    } finally {
      await sender.stop();
      await close(gw.server);
    }
  });

  void test('gives up after the bounded attempts', async () => {
    const gw = await gateway((_n, _req, res) => res.writeHead(500).end());
    const sender = new WebhookSender({ url: gw.url, secret: SECRET }, { maxAttempts: 3, sleep: () => Promise.resolve() });
    try {
      sender.enqueue(payload(1));
      await sender.idle();
      assert.equal(gw.received.length, 3);
      assert.deepEqual(sender.counters, { delivered: 0, failedAttempts: 3, gaveUp: 1, dropped: 0 });
    } finally {
      await sender.stop();
      await close(gw.server);
    }
  });

  void test('a gateway that never answers blocks nothing: a full queue refuses at once, stop() ends the attempt', async () => {
    let arrived!: () => void;
    const first = new Promise<void>((r) => (arrived = r));
    const gw = await gateway(() => arrived()); // never answers
    const sender = new WebhookSender({ url: gw.url, secret: SECRET }, { workers: 1, maxQueue: 2, timeoutMs: 3_600_000 });
    try {
      assert.equal(sender.enqueue(payload(1)), true);
      await first; // item 1 is in flight, hanging
      assert.equal(sender.enqueue(payload(2)), true);
      assert.equal(sender.enqueue(payload(3)), true);
      assert.equal(sender.enqueue(payload(4)), false, 'the queue is full: refused, not awaited');
      assert.equal(sender.counters.dropped, 1);
      await sender.stop();
      assert.equal(gw.received.length, 1, 'nothing more sent after stop');
    } finally {
      await close(gw.server);
    }
  });
});

for (const dialect of DIALECTS) {
  void describe(`webhook deliveries recorded on ${dialect}`, () => {
    let store: TestStore;
    before(async () => {
      store = await freshStore(dialect);
    });
    after(() => store.dispose());

    void test('each attempt is a row on the platform clock', async () => {
      const gw = await gateway((n, _req, res) => res.writeHead(n === 1 ? 502 : 204).end());
      const db = store.database.db;
      const sender = new WebhookSender({ url: gw.url, secret: SECRET }, { sleep: () => Promise.resolve(), onAttempt: deliveryRecorder(db, () => 1234) });
      try {
        sender.enqueue(payload(9));
        await sender.idle();
        const rows = await db.selectFrom('notification_deliveries').select(['notification_id', 'attempt', 'at', 'ok', 'http_status']).orderBy('id').execute();
        assert.deepEqual(rows.map((r) => [Number(r.notification_id), Number(r.attempt), Number(r.at), Number(r.ok), r.http_status]), [[9, 1, 1234, 0, 502], [9, 2, 1234, 1, 204]]);
      } finally {
        await sender.stop();
        await close(gw.server);
      }
    });

    void test('two servers pumping the same new notification: the webhook gets it once, both push it live', async () => {
      const gw = await gateway((_n, _req, res) => res.writeHead(200).end());
      const db = store.database.db;
      const row = await db
        .insertInto('notifications')
        .values({ user_id: 5, kind: 'task_overdue', event_key: 'task_overdue:77', title: '任务已超期：核查', body: '请尽快办结。', link: '#/dispatch/77', created_at: 5000, read_at: null, webhook_claimed_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const pushed: number[] = [];
      const senders = [0, 1].map(() => new WebhookSender({ url: gw.url, secret: SECRET }, { sleep: () => Promise.resolve() }));
      const servers = senders.map((webhook) => new Notifier(db, () => 6000, { publish: (userId) => pushed.push(userId), webhook }));
      try {
        await Promise.all(servers.map((n) => n.pump()));
        await Promise.all(senders.map((x) => x.idle()));
        assert.deepEqual(pushed, [5, 5], 'each server pushes to its own open consoles');
        assert.equal(gw.received.length, 1);
        assert.ok(verify(gw.received[0]!));
        assert.equal((JSON.parse(gw.received[0]!.body) as { notification: { id: number } }).notification.id, Number(row.id));
      } finally {
        await Promise.all(senders.map((x) => x.stop()));
        await close(gw.server);
      }
    });
  });
}
