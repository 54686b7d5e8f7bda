/**
 * Persistence as a small interface, so SQLite (the embedded default) and PostgreSQL (scale-out)
 * are interchangeable. A board is a snapshot plus an append-only log of Yjs updates after it.
 */
import type { BoardId } from '../../shared/ids.js';
import type { BudgetCheck, Vote } from '../../shared/tally.js';
import type { SnapshotFormat } from './snapshot.js';

export interface BoardRecord {
  id: BoardId;
  /** Changes whenever a board id is deleted and created again; offline copies are keyed by it. */
  epoch: string;
  createdAt: number;
  /** The participant join code (see shared/joincode.ts). */
  joinCode: string;
}

export interface ParticipantRecord {
  id: string;
  name: string;
  team: string;
  joinedAt: number;
  removed: boolean;
}

export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

export interface LoadedBoard {
  record: BoardRecord;
  snapshot: Uint8Array | null;
  /** How `snapshot` is encoded (see snapshot.ts). */
  snapshotFormat: SnapshotFormat;
  /** The last log seq folded into `snapshot` (0 when none was). */
  snapshotSeq: number;
  updates: StoredUpdate[];
  /** Who first wrote under each Yjs client id of the board (see ClientOwners). */
  clientOwners: Array<[client: number, owner: string]>;
}

/** A commit made (a process crash keeps it), and when it is on disk (a power loss keeps it too). */
export interface Commit {
  /** The seq assigned to each entry, in order. */
  seqs: number[];
  /** Resolves once the commit is on disk; null when it is already, or when nothing waits for the disk. */
  durable: Promise<void> | null;
}

export interface AppendEntry {
  boardId: BoardId;
  data: Uint8Array;
  /** Yjs client ids first written under in `data`, and by whom: stored in the same commit. */
  owners?: ReadonlyArray<readonly [client: number, owner: string]>;
}

/**
 * Where a compaction thread can read a board itself (see Compactor): the event loop then neither
 * reads the rows it folds nor copies them to the thread.
 */
export interface CompactionSource {
  /** The SQLite database file. */
  sqlitePath: string;
}

export interface BoardStore {
  /** Set when a compaction thread can read boards from this store itself. */
  readonly compactionSource?: CompactionSource;
  /** Create a board with its initial document state. Fails if the id exists. */
  create(record: BoardRecord, initialState: Uint8Array): Promise<void>;
  /** The board's record, or null. */
  get(id: BoardId): Promise<BoardRecord | null>;
  /** Snapshot and log, or null when the board does not exist. */
  load(id: BoardId): Promise<LoadedBoard | null>;
  /**
   * Append updates of any number of boards in one durable commit (group commit); resolves
   * when they are on disk, with the seq assigned to each entry, in order.
   */
  append(entries: readonly AppendEntry[]): Promise<number[]>;
  /**
   * The same commit, returned as soon as it is made, before it is on disk (see Commit). Throws
   * when the commit fails. A store without it is used through `append`.
   */
  commit?(entries: readonly AppendEntry[]): Commit;
  /**
   * Replace the log up to and including `uptoSeq` with a snapshot (Yjs V2, see snapshot.ts); does
   * nothing when the stored snapshot is already newer (a compaction finishing after a later one).
   * `owners`: client-id claims of changes the snapshot holds but no log row does (a commit that
   * failed), stored in the same transaction (see AppendEntry.owners).
   */
  compact(id: BoardId, snapshot: Uint8Array, uptoSeq: number, owners?: AppendEntry['owners']): Promise<void>;
  /** Move a stored update that cannot be decoded out of the log, keeping it for inspection. */
  quarantine(id: BoardId, seq: number, reason: string): Promise<void>;
  /** The board a join code opens, or null. */
  findByJoinCode(code: string): Promise<BoardRecord | null>;
  /** Give the board a new join code (the old one stops working). Fails if the code is taken. */
  setJoinCode(id: BoardId, code: string): Promise<void>;
  addParticipant(boardId: BoardId, p: Omit<ParticipantRecord, 'removed'>): Promise<void>;
  /** Mark a participant removed: their token is refused from now on. */
  removeParticipant(boardId: BoardId, participantId: string): Promise<void>;
  isRemoved(boardId: BoardId, participantId: string): Promise<boolean>;
  listParticipants(boardId: BoardId): Promise<ParticipantRecord[]>;
  /**
   * Set one vote atomically: `check` sees the voter's current votes of this round (inside the same
   * transaction, so concurrent votes cannot both pass a budget check) and may refuse. Value 0
   * removes the vote.
   */
  castVote(boardId: BoardId, round: number, vote: Vote, check: (mine: Vote[]) => BudgetCheck): Promise<BudgetCheck>;
  votesOf(boardId: BoardId, round: number, voter: string): Promise<Vote[]>;
  allVotes(boardId: BoardId, round: number): Promise<Vote[]>;
  /** Mark a voter finished (or not) with this round. */
  setVoteDone(boardId: BoardId, round: number, voter: string, team: string, done: boolean): Promise<void>;
  /** Voters of this round who said they are finished: voter -> team. */
  votersDone(boardId: BoardId, round: number): Promise<Map<string, string>>;
  /** A value kept with the data (e.g. the token secret); `init()` is stored if the key is new. */
  setting(key: string, init: () => string): Promise<string>;
  /** Delete the board and everything stored for it. */
  delete(id: BoardId): Promise<void>;
  close(): Promise<void>;
}
