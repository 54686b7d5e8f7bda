/**
 * Moving the camera: drag the background (mouse, pen or one finger) to pan, two fingers to
 * pinch-zoom, wheel or trackpad to pan, ctrl+wheel (what trackpad pinch sends) to zoom.
 * Notes handle their own pointer events; only presses on the background pan.
 */
import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { Point } from '../../shared/schema.js';
import { panBy, zoomAround, type Viewport } from './viewport.js';

/** ctrl+wheel delta → zoom factor; tuned so one trackpad pinch gesture spans ~2×. */
const WHEEL_ZOOM_SENSITIVITY = 0.01;

type SetViewport = (update: (v: Viewport) => Viewport) => void;

/** The canvas itself, or empty space on it: a category's frame counts (data-pan-surface), its controls do not. */
export function isBackground(target: EventTarget, canvas: HTMLElement | null): boolean {
  return target instanceof Element && (target === canvas || target.hasAttribute('data-board-layer') || target.hasAttribute('data-pan-surface'));
}

const localPoint = (el: HTMLElement, e: { clientX: number; clientY: number }): Point => {
  const r = el.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
};

export function useCanvasGestures(canvasRef: RefObject<HTMLElement | null>, setViewport: SetViewport) {
  const pointers = useRef(new Map<number, Point>());
  const pinch = useRef<{ distance: number; mid: Point } | null>(null);

  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      // Non-passive on purpose: the page itself must not scroll or zoom under the board.
      e.preventDefault();
      const lineScale = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : 1;
      if (e.ctrlKey || e.metaKey) {
        const factor = Math.exp(-e.deltaY * lineScale * WHEEL_ZOOM_SENSITIVITY);
        const anchor = localPoint(el, e);
        setViewport((v) => zoomAround(v, v.zoom * factor, anchor));
      } else {
        const dx = e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX;
        const dy = e.shiftKey && e.deltaX === 0 ? 0 : e.deltaY;
        setViewport((v) => panBy(v, -dx * lineScale, -dy * lineScale));
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [canvasRef, setViewport]);

  const onPointerDown = (e: ReactPointerEvent<HTMLElement>) => {
    const el = canvasRef.current;
    if (!el || !isBackground(e.target, el)) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    el.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, localPoint(el, e));
    pinch.current = null;
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLElement>) => {
    const el = canvasRef.current;
    const prev = pointers.current.get(e.pointerId);
    if (!el || !prev) return;
    const p = localPoint(el, e);
    pointers.current.set(e.pointerId, p);
    if (pointers.current.size === 1) {
      setViewport((v) => panBy(v, p.x - prev.x, p.y - prev.y));
      return;
    }
    const [a, b] = [...pointers.current.values()];
    if (!a || !b) return;
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    const base = pinch.current;
    pinch.current = { distance, mid };
    if (!base || base.distance <= 0) return;
    setViewport((v) => panBy(zoomAround(v, (v.zoom * distance) / base.distance, mid), mid.x - base.mid.x, mid.y - base.mid.y));
  };

  const onPointerEnd = (e: ReactPointerEvent<HTMLElement>) => {
    pointers.current.delete(e.pointerId);
    pinch.current = null;
  };

  return { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd };
}
