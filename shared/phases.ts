/** The workshop's phases, in order. Any phase can be revisited; the board keeps everything. */
export const PHASES = ['frame', 'brainstorm', 'cluster', 'vote', 'decide', 'plan'] as const;
export type Phase = (typeof PHASES)[number];
export const DEFAULT_PHASE: Phase = 'frame';

/** True for one of the six phase names. */
export const isPhase = (v: unknown): v is Phase => typeof v === 'string' && (PHASES as readonly string[]).includes(v);

/** The phase after `p`, or null at the end. */
export function nextPhase(p: Phase): Phase | null {
  const i = PHASES.indexOf(p);
  return PHASES[i + 1] ?? null;
}
