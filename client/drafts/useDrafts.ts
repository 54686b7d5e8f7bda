import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { absolutePos, clusterAt, selectCluster, selectClusters } from '../../shared/clusters.js';
import { selectAnonymous, selectRules } from '../../shared/meta.js';
import { addNote, moveNote, selectNote, selectNotes } from '../../shared/notes.js';
import { decide, type Actor } from '../../shared/policy.js';
import type * as Y from 'yjs';
import { NOTE_HEIGHT, NOTE_WIDTH, type Point } from '../../shared/schema.js';
import type { Access } from '../access/claims.js';
import { LOCAL_FINAL_ORIGIN } from '../sync/origins.js';
import type { BoardSession } from '../sync/session.js';
import { DraftStore, draftsKey, type Draft } from './draftStore.js';
import { reportDraftCount } from './draftsApi.js';
import { placeDrafts, settleOverlaps, spreadSeed } from './revealPlacement.js';

/** Counts reach the facilitator this soon after typing stops; a burst of new drafts is one request. */
const REPORT_DEBOUNCE_MS = 400;
/** The server keeps counts in memory only: say it again now and then, in case it restarted. */
const REPORT_REFRESH_MS = 20_000;
/** At a reveal, every participant's client posts its drafts within this long (ms), at random. */
const REVEAL_SPREAD_MS = 800;
/** For this long after posting its drafts (ms), a client moves those that landed on another's note (see revealPlacement.ts). */
const REVEAL_SETTLE_MS = 4_000;
/** The settling pass runs this long after a change to the board (ms; later changes meanwhile join it), so a burst of arrivals is one pass. */
const SETTLE_DEBOUNCE_MS = 150;

export interface Drafts {
  drafts: readonly Draft[];
  editingId: string | null;
  add: (pos: Point, clusterId: string) => void;
  /** Move a draft to a board position (its top left); it joins the category it is dropped in. */
  move: (id: string, pos: Point) => void;
  edit: (id: string) => void;
  stopEditing: () => void;
  commit: (id: string, text: string) => void;
  remove: (id: string) => void;
}

/**
 * This participant's silent-brainstorm drafts: kept on the device while the board is silent,
 * their number reported to the facilitator, and posted into the document in one transaction
 * as soon as the board is no longer silent (the facilitator's reveal), once this client is in
 * sync with the server, so a stale offline copy can never post them early.
 */
export function useDrafts(session: BoardSession, access: Access, silent: boolean): Drafts {
  const { doc, provider, boardId, epoch } = session;
  const store = useMemo(() => new DraftStore(draftsKey(boardId, epoch, access.id)), [boardId, epoch, access.id]);
  const drafts = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [editingId, setEditingId] = useState<string | null>(null);
  const participant = access.role === 'participant';

  useEffect(() => {
    if (!participant || !silent) return;
    const report = () => void reportDraftCount(boardId, access.token, drafts.length);
    const soon = setTimeout(report, REPORT_DEBOUNCE_MS);
    const again = setInterval(report, REPORT_REFRESH_MS);
    return () => {
      clearTimeout(soon);
      clearInterval(again);
    };
  }, [participant, silent, drafts.length, boardId, access.token]);

  // Cancels the settling after this client's last reveal (see settleAfterReveal), on unmount.
  const settling = useRef<(() => void) | null>(null);
  useEffect(() => () => settling.current?.(), []);

  useEffect(() => {
    if (silent || drafts.length === 0) return;
    const publish = () => {
      if (!provider.synced || !provider.wsconnected) return;
      const rules = selectRules(doc);
      const anonymous = selectAnonymous(doc);
      const actor = { role: access.role, id: access.id, team: access.team };
      const authorName = anonymous ? '' : access.name;
      // Held, not lost, while the rules refuse notes (another phase, a lock): posted when they allow it.
      if (!decide(actor, rules, { kind: 'note.create', author: access.id, team: access.team, authorName }).ok) return;
      // A draft still being typed is posted once its text is saved (this effect runs again then).
      const all = store.getSnapshot().filter((d) => d.id !== editingId);
      if (all.length === 0) return;
      const posted = new Set(all.map((d) => d.id));
      // A blank draft is nobody's idea; one already on the board (another tab posted it) stays as is.
      const fresh = all.filter((d) => d.text.trim() && !selectNote(doc, d.id)).map((d) => {
        const into = d.clusterId ? selectCluster(doc, d.clusterId) : null;
        return { d, into: into && !into.deleted ? into : null };
      });
      const loose = fresh.filter((f) => !f.into);
      const placed = placeDrafts(loose.map((f) => f.d.pos), selectNotes(doc).map((n) => absolutePos(doc, n)), spreadSeed(access.id));
      const looseAt = new Map(loose.map((f, i) => [f.d.id, placed[i]!]));
      doc.transact(() => {
        for (const { d, into } of fresh) {
          const pos = into ? { x: d.pos.x - into.pos.x, y: d.pos.y - into.pos.y } : looseAt.get(d.id)!;
          addNote(doc, { id: d.id, text: d.text, pos, color: d.color, author: access.id, authorName, team: access.team, clusterId: into?.id ?? '', now: d.createdAt }, LOCAL_FINAL_ORIGIN);
        }
      }, LOCAL_FINAL_ORIGIN);
      store.remove(posted);
      if (looseAt.size > 0) {
        settling.current?.();
        settling.current = settleAfterReveal(doc, looseAt, actor);
      }
    };
    // Not all at the same instant: each client then sees more of the others' notes when it places its own.
    const soon = setTimeout(publish, Math.random() * REVEAL_SPREAD_MS);
    provider.on('sync', publish);
    provider.on('status', publish);
    return () => {
      clearTimeout(soon);
      provider.off('sync', publish);
      provider.off('status', publish);
    };
  }, [silent, drafts, editingId, doc, provider, store, access.role, access.id, access.team, access.name]);

  const add = useCallback((pos: Point, clusterId: string) => {
    const d = store.add(pos, clusterId);
    if (d) setEditingId(d.id);
  }, [store]);
  const move = useCallback((id: string, pos: Point) => {
    const into = clusterAt(selectClusters(doc), { x: pos.x + NOTE_WIDTH / 2, y: pos.y + NOTE_HEIGHT / 2 });
    store.move(id, pos, into?.id ?? '');
  }, [store, doc]);
  const commit = useCallback((id: string, text: string) => {
    store.update(id, { text });
    setEditingId(null);
  }, [store]);
  const remove = useCallback((id: string) => {
    store.remove(new Set([id]));
    setEditingId((cur) => (cur === id ? null : cur));
  }, [store]);
  const edit = useCallback((id: string) => setEditingId(id), []);
  const stopEditing = useCallback(() => setEditingId(null), []);

  return useMemo(() => ({ drafts, editingId, add, move, edit, stopEditing, commit, remove }), [drafts, editingId, add, move, edit, stopEditing, commit, remove]);
}

/**
 * For REVEAL_SETTLE_MS after this client posted `mine` (note id -> where it put it), each time
 * the board changes: move those of them still there that overlap a note with a smaller id (see
 * settleOverlaps). Returns a function that stops it sooner.
 */
function settleAfterReveal(doc: Y.Doc, mine: Map<string, Point>, actor: Actor): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const seed = spreadSeed(actor.id);
  const settle = () => {
    timer = undefined;
    // (A move the rules refuse now, the phase moved on or the board locked, would cost the connection.)
    if (!decide(actor, selectRules(doc), { kind: 'note.move', note: { author: actor.id } }).ok) return;
    const loose = selectNotes(doc).filter((n) => !n.clusterId);
    const still = new Set(loose.filter((n) => {
      const at = mine.get(n.id);
      return at && at.x === n.pos.x && at.y === n.pos.y; // (not moved by anyone since)
    }).map((n) => n.id));
    if (still.size === 0) return;
    const moves = settleOverlaps(loose, still, seed);
    if (moves.length === 0) return;
    doc.transact(() => {
      for (const m of moves) {
        moveNote(doc, m.id, m.pos, LOCAL_FINAL_ORIGIN);
        mine.set(m.id, m.pos);
      }
    }, LOCAL_FINAL_ORIGIN);
  };
  const onUpdate = () => {
    timer ??= setTimeout(settle, SETTLE_DEBOUNCE_MS);
  };
  const stop = () => {
    doc.off('update', onUpdate);
    clearTimeout(timer);
    clearTimeout(end);
  };
  const end = setTimeout(stop, REVEAL_SETTLE_MS);
  doc.on('update', onUpdate);
  return stop;
}
