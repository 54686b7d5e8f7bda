/**
 * This voter's own votes, shown at once (optimistic) and confirmed by the server one request
 * at a time. One at a time, in the order the person clicked, because the budget is checked
 * across targets: taking a dot from A and giving it to B must reach the server in that order,
 * or B is refused as over budget. A refusal puts the value back to what the server has and
 * keeps the server's reason to show.
 */
import type { BoardId } from '../../shared/ids.js';
import { fetchMyVotes, postDone, putVote } from './votesApi.js';

export type VoteError = { kind: 'server'; text: string } | { kind: 'network' };

export interface MyVotesSnapshot {
  /** voteKey(criterion, target) -> dots or rating, as shown (0 when absent). */
  values: ReadonlyMap<string, number>;
  done: boolean;
  loaded: boolean;
  /** Something is on its way to the server. */
  saving: boolean;
  error: VoteError | null;
}

export const voteKey = (criterion: string, target: string): string => `${criterion}\u0000${target}`;

export class MyVotesStore {
  private confirmed = new Map<string, number>();
  private desired = new Map<string, number>();
  /** Keys waiting to be sent, in the order they were first changed. */
  private readonly dirty = new Set<string>();
  private busy = false;
  /** Bumped on reload: answers to requests of an older load are ignored. */
  private generation = 0;
  private done = false;
  private loaded = false;
  private error: VoteError | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshot: MyVotesSnapshot = this.build();

  constructor(private readonly board: BoardId, private readonly token: string) {}

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): MyVotesSnapshot => this.snapshot;

  private build(): MyVotesSnapshot {
    return { values: new Map(this.desired), done: this.done, loaded: this.loaded, saving: this.busy || this.dirty.size > 0, error: this.error };
  }

  private emit(): void {
    this.snapshot = this.build();
    for (const l of this.listeners) l();
  }

  /** Read this voter's votes from the server (on open, on a new round, on a status change). */
  async reload(): Promise<void> {
    const gen = ++this.generation;
    const r = await fetchMyVotes(this.board, this.token);
    if (gen !== this.generation) return;
    if (!r.ok) {
      this.error = r.error === null ? { kind: 'network' } : { kind: 'server', text: r.error };
      this.emit();
      return;
    }
    this.confirmed = new Map(r.value.votes.map((v) => [voteKey(v.criterion, v.target), v.value]));
    // Clicks made while loading stay: they are newer than what the server had.
    const mine = new Map(this.confirmed);
    for (const k of this.dirty) mine.set(k, this.desired.get(k) ?? 0);
    this.desired = mine;
    this.done = r.value.done;
    this.loaded = true;
    this.emit();
    void this.pump();
  }

  set(criterion: string, target: string, value: number): void {
    const k = voteKey(criterion, target);
    this.desired.set(k, Math.max(0, value));
    this.dirty.add(k);
    this.error = null;
    // Changing a vote means not done any more; the server keeps "done" separately, so say so.
    if (this.done) void this.setDone(false);
    this.emit();
    void this.pump();
  }

  async setDone(done: boolean): Promise<void> {
    const before = this.done;
    this.done = done;
    this.error = null;
    this.emit();
    const r = await postDone(this.board, this.token, done);
    if (!r.ok) {
      this.done = before;
      this.error = r.error === null ? { kind: 'network' } : { kind: 'server', text: r.error };
      this.emit();
    }
  }

  clearError(): void {
    this.error = null;
    this.emit();
  }

  private async pump(): Promise<void> {
    if (this.busy || !this.loaded) return;
    this.busy = true;
    const gen = this.generation;
    try {
      for (const k of this.dirty) {
        this.dirty.delete(k);
        const value = this.desired.get(k) ?? 0;
        if (value === (this.confirmed.get(k) ?? 0)) continue;
        const [criterion, target] = k.split('\u0000') as [string, string];
        const r = await putVote(this.board, this.token, { criterion, target, value });
        if (gen !== this.generation) return;
        if (r.ok) {
          this.confirmed.set(k, value);
        } else {
          // A newer click on the same target is dropped too: it built on the refused value.
          this.desired.set(k, this.confirmed.get(k) ?? 0);
          this.error = r.error === null ? { kind: 'network' } : { kind: 'server', text: r.error };
        }
        this.emit();
      }
    } finally {
      this.busy = false;
      this.emit();
    }
  }
}
