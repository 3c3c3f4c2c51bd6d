// `ecoenforce demo` (what `npm start` runs), as a user runs it: a child process on a fresh SQLite file,
// stopped with Ctrl-C (SIGINT), then started again on the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/platform/db/connect.ts';

const BIN = fileURLToPath(new URL('../bin/ecoenforce.js', import.meta.url));

interface DemoRun {
  lines: string[];
  code: number | null;
}

/** Runs the demo until `stopWhen` sees enough output, then sends SIGINT (or lets --duration end it). */
function runDemo(args: string[], stopWhen?: (lines: string[]) => boolean): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--metrics-port', '0', '--http-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let signalled = false;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo hung; output:\n${lines.join('\n')}`));
    }, 90_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (!signalled && stopWhen?.(lines) === true) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').map((l) => `stderr: ${l}`)));
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ lines, code });
    });
  });
}

const liveLines = (lines: string[]): string[] => lines.filter((l) => l.startsWith('conn '));
const stopped = (lines: string[]): Record<string, unknown> => {
  const last = lines.filter((l) => l.startsWith('{"event":"stopped"')).at(-1);
  assert.ok(last !== undefined, `no stop summary in:\n${lines.join('\n')}`);
  return JSON.parse(last) as Record<string, unknown>;
};

void test('demo seeds a province, streams it through the gateway, stops on Ctrl-C and resumes on restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ecoenforce-demo-'));
  const url = `sqlite:${join(dir, 'demo.db')}`;
  try {
    const started = Math.floor(Date.now() / 60_000) * 60_000;
    const first = await runDemo(['--db', url, '--enterprises', '12'], (lines) => liveLines(lines).some((l) => !/stored 0 /.test(l)) && liveLines(lines).length >= 3);
    assert.equal(first.code, 0, first.lines.join('\n'));
    assert.ok(first.lines.some((l) => /^seeded demo province: \d+ regions, 12 enterprises, \d+ monitoring points/.test(l)), first.lines.join('\n'));
    assert.ok(first.lines.some((l) => l.includes('modbus-crc: ')), 'the MODBUS scenario is announced');
    const summary = stopped(first.lines);
    assert.ok(Number(summary.stored) > 0, 'frames were stored');
    // Every demo logger is registered and the MODBUS one is allowed its variant: nothing is rejected.
    assert.deepEqual(summary.rejected, {});

    const db = await openDatabase(url);
    let storedFrames: number;
    let latest: number;
    try {
      const row = await db.db
        .selectFrom('raw_frames')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('data_time').as('latest')])
        .where('verdict', '=', 'accepted')
        .where('peer', '!=', 'meter-feed') // the gateway's frames; the meter feed's readings are counted apart
        .executeTakeFirstOrThrow();
      storedFrames = Number(row.n);
      latest = Number(row.latest);
      const readings = await db.db.selectFrom('readings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.ok(Number(readings.n) > 0, 'readings were stored with the frames');
      const modbus = await db.db.selectFrom('raw_frames').select('id').where('crc_variant', '=', 'modbus-lo-first').executeTakeFirst();
      assert.ok(modbus !== undefined, 'the MODBUS logger was accepted');
      // The demo's units are registered when it first starts, as its loggers begin: the monthly notification
      // owes minutes from then (单位登记晚于月初的，自登记时起), and no stored minute lies before registration.
      const registered = await db.db.selectFrom('enterprises').select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')]).executeTakeFirstOrThrow();
      assert.equal(Number(registered.first), Number(registered.last), 'one registration time for the whole province');
      assert.ok(Number(registered.first) >= started && Number(registered.first) <= Date.now(), `registered ${registered.first}, demo started ${started}`);
      const early = await db.db.selectFrom('readings').select('point_id').where('period_start', '<', Number(registered.first)).executeTakeFirst();
      assert.equal(early, undefined, 'no reading before the units were registered');
    } finally {
      await db.close();
    }
    assert.equal(storedFrames, summary.stored);

    // Second start on the same file: no reseeding, and the clock resumes after what is stored.
    const second = await runDemo(['--db', url, '--duration', '3', '--scenario', 'none']);
    assert.equal(second.code, 0, second.lines.join('\n'));
    assert.ok(!second.lines.some((l) => l.startsWith('seeded demo province')), 'not seeded twice');
    const clock = second.lines.find((l) => l.trim().startsWith('clock'));
    const m = clock === undefined ? null : /from (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)/.exec(clock);
    assert.ok(m?.[1] !== undefined, second.lines.join('\n'));
    const resumedAt = Date.parse(`${m[1].replace(' ', 'T')}+08:00`);
    assert.ok(resumedAt > latest, `resumed at ${m[1]} after the last stored DataTime ${new Date(latest).toISOString()}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
