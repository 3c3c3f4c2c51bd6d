#!/usr/bin/env node
// Runs the test suite (or the files matching the filters, as tools/run-tests.mjs) while busy-loop processes
// occupy every core: a bureau's server is often busy, and a test that passes only on a quiet machine hides
// a timing bug. The loops are bounded in time (they stop by themselves after LOAD_SECONDS, default 40 min)
// and are killed when the suite ends.
// Usage: node tools/run-loaded.mjs [substring-filter ...]   (LOAD_PER_CORE=2 puts two loops on each core)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const perCore = Number(process.env.LOAD_PER_CORE ?? 2);
const seconds = Number(process.env.LOAD_SECONDS ?? 2400);
const count = Math.max(1, Math.round(availableParallelism() * perCore));
const spin = `const end = Date.now() + ${seconds * 1000}; let x = 0; while (Date.now() < end) { for (let i = 0; i < 1e6; i++) x += i; }`;
const loops = Array.from({ length: count }, () => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
console.log(`# ${count} busy loops on ${availableParallelism()} cores for at most ${seconds} s while the suite runs`);

const stop = () => {
  for (const l of loops) l.kill('SIGKILL');
};
const suite = spawn(process.execPath, [new URL('./run-tests.mjs', import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => suite.kill(sig));
suite.on('exit', (code, signal) => {
  stop();
  process.exit(signal ? 1 : (code ?? 1));
});
