import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { CLUSTER_MAX_SIZE, CLUSTER_MIN_SIZE, type Size } from '../../shared/schema.js';

/** Board units per arrow press; Shift for about a note's width. */
const KEY_STEP = 40;
const KEY_BIG_STEP = 200;

interface Props {
  size: Size;
  zoom: number;
  label: string;
  /** While dragging: the size to show (nothing is written yet). Null when the drag ends or is cancelled. */
  onPreview: (size: Size | null) => void;
  /** The size to write: once per drag, once per key press. */
  onResize: (size: Size) => void;
}

const clampSize = (s: Size): Size => ({
  w: Math.round(Math.min(CLUSTER_MAX_SIZE.w, Math.max(CLUSTER_MIN_SIZE.w, s.w))),
  h: Math.round(Math.min(CLUSTER_MAX_SIZE.h, Math.max(CLUSTER_MIN_SIZE.h, s.h))),
});

/**
 * The corner that resizes a category: drag it, or focus it and use the arrow keys. A plain
 * pointer capture rather than dnd-kit: nothing is dropped anywhere, and the frame's own drag
 * (by its title bar) must not start from here.
 */
export function ResizeHandle({ size, zoom, label, onPreview, onResize }: Props) {
  const start = useRef<{ x: number; y: number; size: Size; last: Size } | null>(null);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { x: e.clientX, y: e.clientY, size, last: size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current;
    if (!s) return;
    s.last = clampSize({ w: s.size.w + (e.clientX - s.x) / zoom, h: s.size.h + (e.clientY - s.y) / zoom });
    onPreview(s.last);
  };
  const end = (commit: boolean) => {
    const s = start.current;
    start.current = null;
    onPreview(null);
    if (commit && s && (s.last.w !== s.size.w || s.last.h !== s.size.h)) onResize(s.last);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? KEY_BIG_STEP : KEY_STEP;
    const d = { ArrowRight: [step, 0], ArrowLeft: [-step, 0], ArrowDown: [0, step], ArrowUp: [0, -step] }[e.key];
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();
    const next = clampSize({ w: size.w + d[0]!, h: size.h + d[1]! });
    if (next.w !== size.w || next.h !== size.h) onResize(next);
  };

  return (
    <div
      className="cluster-resize"
      data-testid="cluster-resize"
      role="button"
      tabIndex={0}
      aria-label={label}
      title={label}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => end(true)}
      onPointerCancel={() => end(false)}
      onKeyDown={onKeyDown}
    />
  );
}
