import { memo, type ReactElement } from 'react';

/**
 * One group of note elements (see noteChunks.ts), in a positioned box of no size: a change
 * inside lays out only its notes. Given the same elements as last time (cached cards), React
 * skips the group without walking its notes.
 */
export const NoteGroup = memo(
  function NoteGroup({ notes }: { notes: readonly ReactElement[] }) {
    return <div className="note-group">{notes}</div>;
  },
  (a, b) => a.notes.length === b.notes.length && a.notes.every((el, i) => el === b.notes[i]),
);
