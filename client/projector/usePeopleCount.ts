import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { restorePresence } from '../../shared/validate.js';

/** How many people are on the board, read from others' presence without publishing any of our own. */
export function usePeopleCount(awareness: Awareness): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const update = () => {
      const ids = new Set<string>();
      awareness.getStates().forEach((raw, clientId) => {
        if (clientId === awareness.clientID) return;
        const state = restorePresence(raw);
        if (state) ids.add(state.user.id);
      });
      setCount(ids.size);
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [awareness]);
  return count;
}
