import { useState } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { DEFAULT_TIMER_MS, MAX_TIMER_MS, type TimerState } from '../../shared/timer.js';
import { sendCommand, type Command } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PauseIcon, PlayIcon, ResetIcon, SoundIcon } from '../ui/sessionIcons.js';

const MAX_MINUTES = MAX_TIMER_MS / 60_000;

interface Props {
  boardId: BoardId;
  token: string;
  timer: TimerState | null;
  running: boolean;
  sound: boolean;
  onSound: (on: boolean) => void;
}

/** The facilitator's timer: a duration in minutes, start or pause, one more minute, reset. */
export function TimerControls({ boardId, token, timer, running, sound, onSound }: Props) {
  const { t } = useI18n();
  const [minutes, setMinutes] = useState(() => Math.round((timer?.durationMs ?? DEFAULT_TIMER_MS) / 60_000));
  const [error, setError] = useState<string | null>(null);
  const run = async (c: Command) => {
    setError(null);
    const r = await sendCommand(boardId, token, c);
    if (!r.ok) setError(r.error ?? t('voting.unreachable'));
  };
  const setAndStart = async () => {
    await run({ type: 'timerSet', durationMs: minutes * 60_000 });
    await run({ type: 'timerStart' });
  };
  const changed = !timer || Math.round(timer.durationMs / 60_000) !== minutes;

  return (
    <span className="timer-controls" role="group" aria-label={t('timer.controls')}>
      <label className="timer-minutes">
        <span className="visually-hidden">{t('timer.minutes')}</span>
        <input type="number" inputMode="numeric" data-testid="timer-minutes" min={1} max={MAX_MINUTES} value={minutes} onChange={(e) => setMinutes(Math.min(MAX_MINUTES, Math.max(1, Math.round(Number(e.target.value) || 1))))} />
        <span aria-hidden="true">{t('timer.min')}</span>
      </label>
      {running ? (
        <button type="button" className="btn btn-small" data-testid="timer-pause" onClick={() => void run({ type: 'timerPause' })}>
          <PauseIcon />
          <span className="timer-pause-label">{t('timer.pause')}</span>
        </button>
      ) : (
        <button type="button" className="btn btn-small btn-primary" data-testid="timer-start" onClick={() => void (changed ? setAndStart() : run({ type: 'timerStart' }))}>
          <PlayIcon />
          {t('timer.start')}
        </button>
      )}
      <button type="button" className="btn btn-small" data-testid="timer-add" disabled={!timer} onClick={() => void run({ type: 'timerAddMinute' })}>
        {t('timer.addMinute')}
      </button>
      <button type="button" className="btn btn-small btn-quiet" data-testid="timer-reset" disabled={!timer} aria-label={t('timer.reset')} title={t('timer.reset')} onClick={() => void run(changed ? { type: 'timerSet', durationMs: minutes * 60_000 } : { type: 'timerReset' })}>
        <ResetIcon />
      </button>
      <button type="button" className="btn btn-small btn-quiet" data-testid="timer-sound" aria-pressed={sound} aria-label={t('timer.sound')} title={sound ? t('timer.soundOn') : t('timer.soundOff')} onClick={() => onSound(!sound)}>
        <SoundIcon on={sound} />
      </button>
      {error && <span className="inline-error" role="alert">{error}</span>}
    </span>
  );
}
