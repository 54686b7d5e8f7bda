import { useCallback, useEffect } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { followViewport } from '../follow/sharedView.js';
import { useFollow, type Follow } from '../follow/useFollow.js';
import { usePublishView } from '../follow/usePublishView.js';
import type { useBoardCamera } from './useBoardCamera.js';
import type { Viewport } from './viewport.js';

type Camera = ReturnType<typeof useBoardCamera>;

export interface FollowCamera {
  follow: Follow;
  /** For gestures and zoom buttons: moving the board oneself steps out of following. */
  setViewportByUser: (update: (v: Viewport) => Viewport) => void;
  byUser: (fn: () => void) => () => void;
}

/**
 * "Follow me" on the board: the facilitator's camera goes out in their presence while it is on;
 * everyone else's camera shows the same part of the board, until they move it themselves.
 */
export function useFollowCamera(awareness: Awareness, followMe: boolean, isFacilitator: boolean, camera: Camera, showing: boolean, onAsked: () => void): FollowCamera {
  const follow = useFollow(awareness, followMe, isFacilitator);
  const { canvasRef, setViewport } = camera;
  const size = useCallback(() => ({ width: canvasRef.current?.clientWidth ?? 0, height: canvasRef.current?.clientHeight ?? 0 }), [canvasRef]);
  usePublishView(awareness, isFacilitator && followMe && showing, camera.viewport, size);

  useEffect(() => {
    // "Bring everyone to me": the board view, where the facilitator's camera means something.
    if (follow.asked && follow.following) onAsked();
  }, [follow.asked, follow.following]);

  useEffect(() => {
    if (!follow.view) return;
    // Measured only when there is a view to take: it forces a layout of the whole board.
    const { width, height } = size();
    if (width === 0) return;
    const v = follow.view;
    setViewport(() => followViewport(v, width, height));
  }, [follow.view, showing, size, setViewport]);

  const { stepOut } = follow;
  const setViewportByUser = useCallback((update: (v: Viewport) => Viewport) => {
    stepOut();
    setViewport(update);
  }, [stepOut, setViewport]);
  const byUser = useCallback((fn: () => void) => () => {
    stepOut();
    fn();
  }, [stepOut]);
  return { follow, setViewportByUser, byUser };
}
