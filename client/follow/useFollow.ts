import { useCallback, useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { SharedView } from './sharedView.js';
import { useSharedView } from './useSharedView.js';

export interface Follow {
  /** The facilitator asked everyone to follow (and this person is not the facilitator). */
  asked: boolean;
  /** Following now: the camera shows what the facilitator shows. */
  following: boolean;
  /** The view to show, while following and once the facilitator's view has arrived. */
  view: SharedView | null;
  stepOut: () => void;
  stepIn: () => void;
}

/**
 * A participant's side of "follow me". Everyone follows when the facilitator turns it on;
 * anyone can step out (moving the board themselves does too) and back in.
 */
export function useFollow(awareness: Awareness, followMe: boolean, isFacilitator: boolean): Follow {
  const asked = followMe && !isFacilitator;
  const shared = useSharedView(awareness, asked);
  const [following, setFollowing] = useState(true);
  const wasAsked = useRef(asked);

  useEffect(() => {
    // Each new "follow me" brings everyone along again, including those who stepped out last time.
    if (asked && !wasAsked.current) setFollowing(true);
    wasAsked.current = asked;
  }, [asked]);

  const stepOut = useCallback(() => setFollowing(false), []);
  const stepIn = useCallback(() => setFollowing(true), []);
  const on = asked && following;
  return { asked, following: on, view: on ? shared : null, stepOut, stepIn };
}
