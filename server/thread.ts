/**
 * Worker threads run TypeScript like the rest of the server: the thread's entry registers tsx
 * (resolved from here, so the server's working directory does not matter) and then imports the
 * module. A failure to load ends the thread with an 'error' event.
 */
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';

export function startTsWorker(entry: URL, workerData?: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  // Thrown outside the promise, so that it ends the thread with an 'error' event.
  const source = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })` +
    '.catch((err) => process.nextTick(() => { throw err; }))';
  return new Worker(source, { eval: true, workerData });
}

/**
 * Called on a background thread: run it at a low CPU priority (default the lowest), so that it
 * takes the CPU only when the event loop leaves some. A compaction (tens of ms of encoding)
 * sharing a core with the event loop otherwise took half the core for that long, and every
 * message waited twice as long. Linux only: a thread's own id is read from /proc/thread-self and has its own nice value;
 * elsewhere this does nothing (setting it by process id would lower the whole server).
 */
export function lowerThisThreadPriority(priority: number = constants.priority.PRIORITY_LOW): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    setPriority(tid, priority);
    return true;
  } catch {
    return false;
  }
}
