/** Token buckets for per-connection and per-address limits. */

export interface RateLimits {
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
}

/**
 * Generous for people (a fast typist with a live cursor sends ~30 messages/s) and for a large
 * first sync after an offline session, tight enough that one client cannot flood a board.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  messagesPerSecond: 100,
  messageBurst: 300,
  bytesPerSecond: 512 * 1024,
  byteBurst: 4 * 1024 * 1024,
};

export class Bucket {
  private tokens: number;
  private last = performance.now();
  constructor(private readonly perSecond: number, private readonly burst: number) {
    this.tokens = burst;
  }
  /** Tokens available now. */
  level(now = performance.now()): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    return this.tokens;
  }
  /** Take `n` tokens if available. */
  take(n: number, now = performance.now()): boolean {
    if (this.level(now) < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** Buckets keyed by address, forgotten once full again (bounded memory under many addresses). */
export class KeyedBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private calls = 0;
  constructor(private readonly perSecond: number, private readonly burst: number) {}
  /** True when `key` has at least one token left. */
  available(key: string): boolean {
    return (this.buckets.get(key)?.level() ?? this.burst) >= 1;
  }
  /** Take one token from `key`'s bucket; false when it is empty. */
  take(key: string): boolean {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new Bucket(this.perSecond, this.burst)));
    if (++this.calls % 1_000 === 0) this.sweep();
    return b.take(1);
  }
  private sweep(): void {
    for (const [k, b] of this.buckets) if (b.level() >= this.burst) this.buckets.delete(k);
  }
}
