/**
 * The offset between this device's clock and the server's, so every screen shows the same
 * time left on the shared timer. Laptops and projectors are often minutes off; the timer's
 * start time is written by the server, in its clock.
 */
import { useEffect, useState } from 'react';
import { clockOffset } from '../../shared/timer.js';
import { request } from '../access/http.js';

/** Round trips per measurement: the fastest one is the least distorted by network delay. */
const CLOCK_SAMPLES = 3;
/** Clocks drift and laptops sleep: measure again this often. */
const CLOCK_REFRESH_MS = 5 * 60_000;

let offsetMs = 0;
let measuredAt = 0;
let inflight: Promise<number> | null = null;
const listeners = new Set<(offset: number) => void>();

async function sample(): Promise<{ offset: number; rtt: number } | null> {
  const sentAt = Date.now();
  const res = await request('/api/time', { cache: 'no-store' });
  const receivedAt = Date.now();
  if (!res?.ok) return null;
  const body: unknown = await res.json().catch(() => null);
  const now = typeof body === 'object' && body !== null ? (body as { now?: unknown }).now : undefined;
  if (typeof now !== 'number' || !Number.isFinite(now)) return null;
  return { offset: clockOffset(sentAt, now, receivedAt), rtt: receivedAt - sentAt };
}

async function measure(): Promise<number> {
  let best: { offset: number; rtt: number } | null = null;
  for (let i = 0; i < CLOCK_SAMPLES; i++) {
    const s = await sample();
    if (s && (!best || s.rtt < best.rtt)) best = s;
  }
  if (best) {
    offsetMs = best.offset;
    measuredAt = Date.now();
    for (const l of listeners) l(offsetMs);
  }
  return offsetMs;
}

function ensureMeasured(): void {
  if (inflight || Date.now() - measuredAt < CLOCK_REFRESH_MS) return;
  inflight = measure().finally(() => {
    inflight = null;
  });
}

/** The server's time now, as well as this device knows it. */
export const serverNow = (): number => Date.now() + offsetMs;

/** Milliseconds to add to Date.now() to get server time; re-renders when a measurement lands. */
export function useServerClockOffset(): number {
  const [offset, setOffset] = useState(offsetMs);
  useEffect(() => {
    listeners.add(setOffset);
    ensureMeasured();
    const id = setInterval(ensureMeasured, CLOCK_REFRESH_MS);
    return () => {
      listeners.delete(setOffset);
      clearInterval(id);
    };
  }, []);
  return offset;
}
