import { useCallback, useEffect, useState } from 'react';
import type * as Y from 'yjs';

export interface Undo {
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
  /** Start a new undo step, so separate actions never merge into one. */
  boundary: () => void;
}

export function useUndo(manager: Y.UndoManager): Undo {
  const read = () => ({ canUndo: manager.canUndo(), canRedo: manager.canRedo() });
  const [state, setState] = useState(read);

  useEffect(() => {
    const update = () =>
      setState((prev) => {
        const next = { canUndo: manager.canUndo(), canRedo: manager.canRedo() };
        return prev.canUndo === next.canUndo && prev.canRedo === next.canRedo ? prev : next;
      });
    manager.on('stack-item-added', update);
    manager.on('stack-item-popped', update);
    manager.on('stack-cleared', update);
    update();
    return () => {
      manager.off('stack-item-added', update);
      manager.off('stack-item-popped', update);
      manager.off('stack-cleared', update);
    };
  }, [manager]);

  const undo = useCallback(() => {
    manager.undo();
  }, [manager]);
  const redo = useCallback(() => {
    manager.redo();
  }, [manager]);
  const boundary = useCallback(() => manager.stopCapturing(), [manager]);

  return { ...state, undo, redo, boundary };
}
