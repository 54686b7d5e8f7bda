/**
 * Notes are dragged through one dnd-kit draggable, not one per note.
 *
 * Every useDraggable reads dnd-kit's context, which changes when a drag starts, when it ends and
 * whenever the category under the pointer changes; on a 1,000-note board each of those changes
 * re-rendered a thousand hooks (about 70 ms at pick-up). Here the board layer listens for the
 * events that start a drag (pointer, touch, Space) on behalf of all its notes, and the one
 * draggable (NoteDragSource) points itself at the note the event came from and takes the event.
 * dnd-kit sees an ordinary draggable with the note's id, so the sensors, the announcements and
 * the drop handling are the same as before; only the dragged note hears about the drag (through
 * a per-note store).
 */
import { useDraggable, type DraggableSyntheticListeners } from '@dnd-kit/core';
import {
  createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore,
  type CSSProperties, type KeyboardEvent, type ReactNode, type SyntheticEvent,
} from 'react';
import { flushSync } from 'react-dom';

/** The drag offset of the note being dragged, in screen pixels. */
export interface DragOffset {
  x: number;
  y: number;
}

interface Dragged {
  id: string;
  offset: DragOffset | null;
}

/** Which note is being dragged and how far; a note subscribes to its own id only. */
class DragStore {
  private current: Dragged | null = null;
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(id: string, fn: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  of(id: string): Dragged | null {
    return this.current?.id === id ? this.current : null;
  }

  set(next: Dragged | null): void {
    const prev = this.current;
    if (prev === next || (prev && next && prev.id === next.id && prev.offset === next.offset)) return;
    this.current = next;
    for (const id of new Set([prev?.id, next?.id])) {
      if (id !== undefined) for (const fn of this.listeners.get(id) ?? []) fn();
    }
  }
}

/** Points the draggable at the note an event came from; see NoteDragSource. */
type Arm = (e: SyntheticEvent) => DraggableSyntheticListeners;

interface Shared {
  store: DragStore;
  /** The id of the hidden "how to move a note" instructions, for every movable note's aria-describedby. */
  describedBy: string;
  /** Set by the NoteDragSource while it is mounted. */
  source: { current: Arm | null };
}

const NoteDragContext = createContext<Shared>({ store: new DragStore(), describedBy: '', source: { current: null } });

/** A note's part in a drag: whether it is the one dragged, and by how much. */
export function useNoteDrag(noteId: string): { isDragging: boolean; offset: DragOffset | null; describedBy: string } {
  const { store, describedBy } = useContext(NoteDragContext);
  // Stable, or React would unsubscribe and subscribe again at every render (the dragged note
  // renders at every pointer move).
  const subscribe = useCallback((fn: () => void) => store.subscribe(noteId, fn), [store, noteId]);
  const dragged = useSyncExternalStore(subscribe, () => store.of(noteId));
  return { isDragging: dragged !== null, offset: dragged?.offset ?? null, describedBy };
}

interface LayerProps {
  describedBy: string;
  className: string;
  style: CSSProperties;
  children: ReactNode;
}

/**
 * The board layer (the element that pans and zooms): it takes the events that can start a note
 * drag for all its notes and hands them to the NoteDragSource. The notes are its children, but
 * not children of dnd-kit's DndContext: its context changes at every pick-up, drop and change of
 * the category under the pointer, and React looks for consumers of a changed context through
 * everything inside the provider, a thousand notes included.
 */
export function NoteDragLayer({ describedBy, className, style, children }: LayerProps) {
  const [store] = useState(() => new DragStore());
  const source = useRef<Arm | null>(null);
  const shared = useMemo<Shared>(() => ({ store, describedBy, source }), [store, describedBy]);
  const arm = (e: SyntheticEvent) => source.current?.(e);

  // Space only picks a note up when the note itself has the focus (not its buttons or editor);
  // capture, so the note's own key handling sees that the key was taken.
  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLElement && e.target.dataset.dragNote !== undefined) arm(e)?.onKeyDown?.(e);
  };

  return (
    <NoteDragContext.Provider value={shared}>
      <div
        className={className}
        data-board-layer=""
        style={style}
        onPointerDown={(e) => arm(e)?.onPointerDown?.(e)}
        onTouchStart={(e) => arm(e)?.onTouchStart?.(e)}
        onKeyDownCapture={onKeyDownCapture}
      >
        {children}
      </div>
    </NoteDragContext.Provider>
  );
}

/** The id the draggable holds before any note has been pressed; no note has it. */
const IDLE = 'note-drag:idle';

/** The notes' one dnd-kit draggable. Render it inside both the NoteDragLayer and the DndContext. */
export function NoteDragSource(): null {
  const { store, source } = useContext(NoteDragContext);
  const [armed, setArmed] = useState<string | null>(null);
  const drag = useDraggable({ id: armed ?? IDLE, disabled: armed === null });
  const latest = useRef({ drag, armed });
  useLayoutEffect(() => {
    latest.current = { drag, armed };
  });

  const { isDragging, transform } = drag;
  useLayoutEffect(() => {
    store.set(isDragging && armed !== null ? { id: armed, offset: transform } : null);
  }, [store, isDragging, armed, transform]);

  useLayoutEffect(() => {
    /**
     * Point the draggable at the note this event came from and return its listeners (now bound
     * to that note's id), or undefined when the event should start nothing. A note that this
     * person may move, and is not editing, marks itself with data-drag-note (see NoteCard).
     */
    source.current = (e) => {
      const { drag: now } = latest.current;
      if (now.active) return undefined; // a drag is on: it owns the pointer and the keys
      const el = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-drag-note]') : null;
      const id = el?.dataset.noteId;
      if (!el || !id) return undefined;
      now.setNodeRef(el);
      now.setActivatorNodeRef(el);
      if (id !== latest.current.armed) flushSync(() => setArmed(id));
      return latest.current.drag.listeners;
    };
    return () => {
      source.current = null;
    };
  }, [source]);
  return null;
}
