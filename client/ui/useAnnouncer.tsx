import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/** Long enough for the region to be seen empty, so the same message twice is spoken twice. */
const REANNOUNCE_GAP_MS = 60;

/**
 * A polite live region for outcomes that have no focus change of their own to speak them
 * ("Moved note X to category Y", "Created 6 categories"). Render `region` once per page.
 */
export function useAnnouncer(): { region: ReactNode; announce: (message: string) => void } {
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const announce = useCallback((message: string) => {
    setText('');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setText(message), REANNOUNCE_GAP_MS);
  }, []);
  const region = (
    <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {text}
    </p>
  );
  return { region, announce };
}
