/**
 * The camera over one board: where it starts, when it frames the content by itself, and the
 * zoom and fit the toolbar drives. Once the person moves the camera or adds something, the
 * board never re-frames itself, except when asked (Fit, or after accepting a suggestion).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { NOTE_HEIGHT, NOTE_WIDTH, type Point } from '../../shared/schema.js';
import { contentBox } from '../clusters/placement.js';
import { boardPos, type BoardContent } from '../sync/useBoardContent.js';
import { fitBox, INITIAL_VIEWPORT, toBoard, toScreen, zoomAround, type Box, type Viewport } from './viewport.js';

/** A box is shown at a fair size when the zoom is at least this share of the zoom that fits it to the screen. */
const SHOWN_ZOOM_SHARE = 0.6;
/** Below this zoom, note text is too small to edit comfortably. */
const READABLE_ZOOM = 0.75;
/**
 * The camera per board for this page's lifetime. A new session (after a refused write) mounts a
 * new Board; the person should find the board where they were looking, not re-framed.
 */
const rememberedViewports = new Map<string, Viewport>();

export function useBoardCamera(boardId: string, content: BoardContent, editingId: string | null, showing: boolean) {
  const canvasRef = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewportState] = useState<Viewport>(() => rememberedViewports.get(boardId) ?? INITIAL_VIEWPORT);
  useEffect(() => {
    rememberedViewports.set(boardId, viewport);
  }, [boardId, viewport]);
  const cameraSettled = useRef(rememberedViewports.has(boardId));
  const fitPending = useRef(false);
  const setViewport = useCallback((update: (v: Viewport) => Viewport) => {
    cameraSettled.current = true;
    setViewportState(update);
  }, []);

  const canvasSize = () => {
    const el = canvasRef.current;
    return { width: el?.clientWidth ?? 0, height: el?.clientHeight ?? 0 };
  };
  const boxOf = (c: BoardContent) => contentBox(c.notes.map((n) => boardPos(n, c.clusterById)), c.clusters);
  /** Screen pixels at the top of the canvas under the toolbar where it floats (not on phones, where it sits below). */
  const toolbarInset = (): number => {
    const el = canvasRef.current;
    const bar = el?.parentElement?.querySelector('.toolbar');
    const floating = el && bar && getComputedStyle(bar).position === 'absolute';
    return floating ? Math.max(0, bar.getBoundingClientRect().bottom - el.getBoundingClientRect().top) : 0;
  };
  /** Frame `c` in the canvas, below the floating toolbar. */
  const framed = (c: BoardContent): Viewport => {
    const { width, height } = canvasSize();
    return fitBox(boxOf(c), width, height, 1, toolbarInset());
  };

  const fit = useCallback(() => {
    setViewport(() => framed(content));
  }, [content, setViewport]);

  const hasContent = content.notes.length > 0 || content.clusters.length > 0;
  /**
   * Opening a board that already has content: frame it, so a phone does not land on an empty
   * corner. Until then the board is drawn without its notes: measuring an empty canvas costs
   * nothing, and a thousand notes are laid out once, at the zoom they are shown at.
   */
  const [framing, setFraming] = useState(() => !cameraSettled.current);
  const needsFrame = framing && showing && hasContent;
  useLayoutEffect(() => {
    if (!needsFrame) return;
    // A camera moved by hand before any content arrived stays where it is.
    if (canvasSize().width > 0 && !cameraSettled.current) setViewportState(framed(content));
    cameraSettled.current = true;
    setFraming(false);
  }, [needsFrame]);

  useEffect(() => {
    // Frame everything after a change the person asked to see whole (e.g. categories just made).
    // Measure only when about to frame: reading the canvas size forces a layout of the whole
    // board, and this runs after every change to the content (50 a second in a busy room).
    if (!showing || !fitPending.current || canvasSize().width === 0) return;
    fitPending.current = false;
    setViewport(() => framed(content));
  }, [content, showing]);

  useEffect(() => {
    // Typing into a note shown at 40% is guesswork (phones fit whole boards): bring it to reading size.
    if (!editingId || viewport.zoom >= READABLE_ZOOM) return;
    const note = content.notes.find((n) => n.id === editingId);
    if (!note) return;
    const at = boardPos(note, content.clusterById);
    const { width, height } = canvasSize();
    setViewport(() => ({
      zoom: 1,
      x: width / 2 - (at.x + NOTE_WIDTH / 2),
      // Upper third: an on-screen keyboard takes the bottom half of a phone.
      y: height / 3 - (at.y + NOTE_HEIGHT / 2),
    }));
    // Only when editing starts, not on every camera move while editing.
  }, [editingId]);

  return {
    canvasRef,
    viewport,
    /** True until a board opened with content has been framed: draw no notes yet. */
    framing: needsFrame,
    setViewport,
    fit,
    /** Frame everything once the next change has rendered (e.g. categories just created). */
    fitAfterChange: () => {
      fitPending.current = true;
    },
    /** The board point at the middle of the canvas (where toolbar additions go); settles the camera. */
    center: (): Point => {
      const { width, height } = canvasSize();
      cameraSettled.current = true;
      return toBoard(viewport, { x: width / 2, y: height / 2 });
    },
    /** Adding at a pointed spot: the camera stays where it is from now on. */
    settle: () => {
      cameraSettled.current = true;
    },
    /**
     * Bring `box` (board units) into view, large enough to work in (a category just made, whose
     * name is typed next): left as it is when it is in sight at a fair size, else centred and
     * zoomed to fit the screen (a category is wider than a phone; a board framed whole on a
     * phone is too small to type into).
     */
    show: (box: Box) => {
      const { width, height } = canvasSize();
      const insetTop = toolbarInset();
      setViewport((v) => {
        const target = fitBox(box, width, height, 1, insetTop);
        const a = toScreen(v, { x: box.x, y: box.y });
        const b = toScreen(v, { x: box.x + box.w, y: box.y + box.h });
        const inSight = a.x >= 0 && a.y >= insetTop && b.x <= width && b.y <= height;
        return inSight && v.zoom >= target.zoom * SHOWN_ZOOM_SHARE ? v : target;
      });
    },
    zoomBy: (factor: number) => {
      const { width, height } = canvasSize();
      setViewport((v) => zoomAround(v, v.zoom * factor, { x: width / 2, y: height / 2 }));
    },
  };
}
