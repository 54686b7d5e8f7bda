import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { TimerIcon } from '../ui/sessionIcons.js';
import { playChime } from './chime.js';
import { crossedMilestone, FINAL_SECONDS, formatClock } from './milestones.js';
import type { TimerView } from './useTimer.js';

interface Props {
  view: TimerView;
  variant: 'header' | 'bar' | 'projector';
  /** Play the chime at zero on this device. */
  sound: boolean;
}

/**
 * The shared countdown. The digits are a role="timer" (not spoken as they change); a separate
 * polite region speaks only the milestones. The last ten seconds stand out, and time's up says
 * so in words. Mount one per page: it also rings the chime.
 */
export function TimerDisplay({ view, variant, sound }: Props) {
  const { t, tn } = useI18n();
  const { seconds, running, timer } = view;
  const [spoken, setSpoken] = useState('');
  const before = useRef(seconds);

  useEffect(() => {
    const prev = before.current;
    before.current = seconds;
    // Only a clock counting down speaks: +1 min or a reset is the facilitator's own doing.
    if (!timer || (timer.startedAt === null && seconds > 0)) return;
    const m = crossedMilestone(prev, seconds);
    if (m === null) return;
    if (m === 0) {
      setSpoken(t('timer.up'));
      if (sound) playChime();
    } else {
      setSpoken(m >= 60 ? tn('timer.minutesLeft', m / 60) : tn('timer.secondsLeft', m));
    }
  }, [seconds, timer, sound, t, tn]);

  if (!timer) return null;
  const state = seconds === 0 ? 'done' : running ? 'running' : 'paused';
  const final = running && seconds > 0 && seconds <= FINAL_SECONDS;
  const classes = ['timer', `timer-${variant}`, `is-${state}`, final && 'is-final'].filter(Boolean).join(' ');
  return (
    <span className={classes} data-testid="timer" data-remaining-s={seconds} data-state={state}>
      <TimerIcon />
      <span role="timer" className="timer-digits" aria-label={t('timer.label', { time: formatClock(seconds) })}>
        {formatClock(seconds)}
      </span>
      {state === 'done' && <span className="timer-word">{t('timer.upShort')}</span>}
      {state === 'paused' && <span className="timer-word">{t('timer.paused')}</span>}
      <span className="visually-hidden" role="status" aria-live="polite">{spoken}</span>
    </span>
  );
}
