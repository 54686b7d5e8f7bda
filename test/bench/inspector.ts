/**
 * Reading a server process from the outside, through its inspector (node --inspect on
 * loopback): heap after a forced GC, and its event-loop delay. No server needs code of ours,
 * so the peers are measured exactly like our server.
 */
import WebSocket from 'ws';

export interface HeapReading {
  heapUsedMB: number;
  rssMB: number;
  externalMB: number;
}

const CALL_TIMEOUT_MS = 30_000;
/** Histogram resolution of the server-side event-loop delay monitor. */
const LOOP_RESOLUTION_MS = 5;

/** Open an inspector session, run `fn` with a CDP call function, close it. */
async function session<T>(inspectorUrl: string, fn: (call: (method: string, params?: Record<string, unknown>) => Promise<unknown>) => Promise<T>): Promise<T> {
  const ws = new WebSocket(inspectorUrl, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const n = ++id;
      const timer = setTimeout(() => reject(new Error(`inspector: ${method} timed out`)), CALL_TIMEOUT_MS);
      pending.set(n, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  try {
    return await fn(call);
  } finally {
    ws.close();
  }
}

async function evaluate(call: (method: string, params?: Record<string, unknown>) => Promise<unknown>, expression: string): Promise<string> {
  const r = (await call('Runtime.evaluate', { expression, returnByValue: true })) as { result: { value: string } };
  return r.result.value;
}

export function readHeap(inspectorUrl: string): Promise<HeapReading> {
  return session(inspectorUrl, async (call) => {
    // Twice: weak references and finalizers freed by the first pass are collected by the second.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const m = JSON.parse(await evaluate(call, 'JSON.stringify(process.memoryUsage())')) as { heapUsed: number; rss: number; external: number };
    const mb = (b: number) => b / 2 ** 20;
    return { heapUsedMB: mb(m.heapUsed), rssMB: mb(m.rss), externalMB: mb(m.external) };
  });
}

export interface ServerLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Samples taken. The sampling timer only runs between event-loop turns, so a server stuck in
   * a backlog yields a handful of samples (or none): then the percentiles mean nothing, except
   * that the loop was blocked for most of the window.
   */
  samples: number;
}

/**
 * Start an event-loop delay histogram inside the server; the returned function reads and
 * stops it. (process.getBuiltinModule exists from Node 20.16: no require in an ES module.)
 */
export async function serverLoopDelay(inspectorUrl: string): Promise<() => Promise<ServerLoopDelay>> {
  await session(inspectorUrl, (call) =>
    evaluate(call, `(globalThis.__benchLoop = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: ${LOOP_RESOLUTION_MS} }), globalThis.__benchLoop.enable(), 'ok')`),
  );
  return () =>
    session(inspectorUrl, async (call) => {
      const h = JSON.parse(
        await evaluate(call, '(() => { const h = globalThis.__benchLoop; h.disable(); return JSON.stringify([h.percentile(50), h.percentile(99), h.max, h.count]); })()'),
      ) as [number, number, number, number];
      // The histogram includes the sampling interval itself; subtract it to get the delay.
      const ms = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
      return { p50Ms: ms(h[0]), p99Ms: ms(h[1]), maxMs: ms(h[2]), samples: h[3] };
    });
}
