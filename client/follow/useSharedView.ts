import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { facilitatorView, type SharedView } from './sharedView.js';

const same = (a: SharedView | null, b: SharedView | null): boolean =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height);

/** The facilitator's shared view while "follow me" is on, else null. Re-renders only when it moves. */
export function useSharedView(awareness: Awareness, followMe: boolean): SharedView | null {
  const [view, setView] = useState<SharedView | null>(null);
  useEffect(() => {
    if (!followMe) {
      setView(null);
      return;
    }
    // Presence changes with every cursor in the room; the state is set only when the view differs.
    const update = () => setView((prev) => {
      const next = facilitatorView(awareness);
      return same(prev, next) ? prev : next;
    });
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, followMe]);
  return view;
}
