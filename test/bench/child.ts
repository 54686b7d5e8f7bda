/**
 * Server-under-test processes: each runs in its own child process, optionally pinned to one core
 * with `taskset`, and every child is killed when the benchmark exits, is interrupted or times out
 * (a stray server would skew the next run's CPU figures and hold its port).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

/** Core the server under test runs on; the load generator takes the other one. */
export const SERVER_CORE = 0;
export const LOADGEN_CORE = 1;
const READY_TIMEOUT_MS = 30_000;
// Long enough for a server to save and for `--cpu-prof` to write its profile on SIGTERM.
const STOP_GRACE_MS = 5_000;

const live = new Set<ChildProcess>();
let hooked = false;

const hasTaskset = (() => {
  let known: boolean | null = null;
  return () => (known ??= spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0);
})();

/** Kill every child still running (SIGKILL: the benchmark's data directories are thrown away). */
export function killAllChildren(): void {
  for (const p of live) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  live.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllChildren);
}

/** For the CLI only (a test runner owns its own signals): Ctrl-C also ends the servers. */
export function killChildrenOnSignals(): void {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAllChildren();
      process.exit(130);
    });
  }
}

/**
 * Pin this process (all its threads) to one core, or let it use every core again; false when
 * taskset is unavailable. Children started later inherit it.
 */
export function pinSelf(core: number | 'all'): boolean {
  if (!hasTaskset()) return false;
  // (Not availableParallelism(): it counts only the cores this process is pinned to.)
  const cores = core === 'all' ? `0-${Math.max(1, cpus().length) - 1}` : String(core);
  return spawnSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' }).status === 0;
}

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Working directory (default: this process's). */
  cwd?: string;
  /** Core to pin the child to; undefined leaves it wherever the parent runs. */
  core?: number;
  /** The line that says the server listens; its first capture group is kept. */
  ready: RegExp;
}

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  ready: RegExpExecArray;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited shortly after. */
  stop(): Promise<void>;
}

export async function startChild(spec: ChildSpec): Promise<Child> {
  hookExit();
  const pinned = spec.core !== undefined && hasTaskset();
  // taskset execs the command, so the child's pid is the server's pid (what /proc is read for).
  const proc = spawn(pinned ? 'taskset' : spec.command, pinned ? ['-c', String(spec.core), spec.command, ...spec.args] : spec.args, {
    env: { ...process.env, ...spec.env },
    cwd: spec.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  let out = '';
  const onData = (d: Buffer) => {
    // Keep the head (startup lines) and a bounded tail: a chatty server must not grow our heap.
    out = out.length < 64_000 ? out + d.toString() : out.slice(0, 32_000) + out.slice(-16_000) + d.toString();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  // BENCH_CHILD_LOG=<dir> keeps each child's whole output (say, of --trace-gc) in <dir>/<name>-<pid>.log.
  const logDir = process.env.BENCH_CHILD_LOG;
  if (logDir) {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${spec.name.replace(/\W+/g, '-')}-${proc.pid}.log`));
    proc.stdout!.pipe(log);
    proc.stderr!.pipe(log);
  }
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${spec.name} did not start within ${READY_TIMEOUT_MS} ms:\n${out}`)), READY_TIMEOUT_MS);
    const check = () => {
      const m = spec.ready.exec(out);
      if (m) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`${spec.name} exited (${code}) before it was ready:\n${out}`));
    const cleanup = () => {
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      proc.stderr!.off('data', check);
      proc.off('exit', onExit);
    };
    const fail = (err: Error) => {
      cleanup();
      proc.kill('SIGKILL');
      reject(err);
    };
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', check);
    proc.once('exit', onExit);
  });
  return {
    name: spec.name,
    proc,
    pid: proc.pid!,
    ready,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
        proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}
