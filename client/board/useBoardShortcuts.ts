import { useEffect, useRef } from 'react';

interface Shortcuts {
  addNote: () => void;
  undo: () => void;
  redo: () => void;
}

/** Typing in a field must never trigger a board shortcut (and keeps the field's own undo). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

export function useBoardShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) latest.current.redo();
        else latest.current.undo();
      } else if (e.ctrlKey && !e.metaKey && !e.altKey && key === 'y') {
        e.preventDefault();
        latest.current.redo();
      } else if (!mod && !e.altKey && key === 'n') {
        e.preventDefault();
        latest.current.addNote();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
