// `ecoenforce hj212 decode [FILE|-] [--no-crc] [--strict]`: stream bytes through the HJ 212 framer and print
// one JSON object per frame or bad region (the contract in packages/hj212/src/json.ts), in stream order.
// `ecoenforce hj212 bench FILE [--runs N]`: in-process decode throughput (median run last).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Hj212Framer, decodeFrame, errorToJson, frameToJson, type FrameSink } from '@ecoenforce/hj212';
// The benchmark loop lives with the codec (packages/hj212/bench) so the CLI and tools/bench.ts measure the same thing.
import { benchDecode } from '../../../../packages/hj212/bench/bench-decode.ts';

const USAGE = `usage:
  ecoenforce hj212 decode [FILE|-] [--no-crc] [--strict]   one JSON line per frame / bad region
  ecoenforce hj212 bench FILE [--runs N]                    decode throughput (median of N runs, default 5)

exit status of decode: 0 every frame decoded; 3 the stream held bad frames or bad regions (each is
printed as a line with "ok":false); 1 the input could not be read; 2 bad usage`;

/** decode's status when the stream held anything that is not a good frame (the lines say what). */
const HAD_ERRORS = 3;

function usage(message?: string): number {
  if (message !== undefined) console.error(`ecoenforce hj212: ${message}`);
  console.error(USAGE);
  return 2;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    console.log(USAGE);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { 'no-crc': { type: 'boolean' }, strict: { type: 'boolean' }, runs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return usage(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) return usage('too many arguments');
  if (sub === undefined) return usage('missing subcommand');
  switch (sub) {
    case 'decode':
      if (values.runs !== undefined) return usage('--runs is for bench');
      return decode(positionals[0] ?? '-', values['no-crc'] === true, values.strict === true);
    case 'bench': {
      const file = positionals[0];
      if (file === undefined || file === '-') return usage('bench needs a FILE');
      const runs = values.runs === undefined ? 5 : Number(values.runs);
      if (!Number.isInteger(runs) || runs < 1) return usage('--runs must be a positive integer');
      return bench(file, runs);
    }
    default:
      return usage(`unknown subcommand '${sub}'`);
  }
}

async function decode(file: string, noCrc: boolean, strict: boolean): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file);
  const framer = new Hj212Framer({ strict });
  const opts = { crc: !noCrc, strict };
  let out = '';
  let bad = 0;
  const sink: FrameSink = {
    frame(f) {
      const json = frameToJson(f, decodeFrame(f, opts));
      if (json.ok !== true) bad++;
      out += JSON.stringify(json) + '\n';
    },
    error(e) {
      bad++;
      out += JSON.stringify(errorToJson(e)) + '\n';
    },
  };
  // A reader that goes away (`… | head`) gives EPIPE: stop quietly instead of dying on an unhandled error.
  let closed = false;
  const onError = (): void => {
    closed = true;
  };
  process.stdout.on('error', onError);
  const flush = async (): Promise<void> => {
    if (out === '' || closed) return;
    const text = out;
    out = '';
    if (!process.stdout.write(text)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          process.stdout.off('drain', done);
          process.stdout.off('error', done);
          resolve();
        };
        process.stdout.on('drain', done);
        process.stdout.on('error', done);
      });
    }
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      framer.push(chunk, sink);
      await flush();
      if (closed) break;
    }
  } catch (err) {
    framer.end(sink);
    await flush();
    console.error(`ecoenforce hj212: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  if (!closed) {
    framer.end(sink);
    await flush();
  }
  return bad > 0 ? HAD_ERRORS : 0;
}

async function bench(file: string, runs: number): Promise<number> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    console.error(`ecoenforce hj212: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  const median = benchDecode(buf, runs, 'ours', (r, i) => console.log(JSON.stringify({ run: i + 1, ...r })));
  console.log(JSON.stringify({ frames: median.frames, bytes: median.bytes, seconds: median.seconds, framesPerSecond: median.framesPerSecond }));
  return 0;
}
