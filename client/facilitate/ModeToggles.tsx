import { useState, type ReactNode } from 'react';
import type { BoardId } from '../../shared/ids.js';
import { sendCommand, type Command } from '../access/commands.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { Modes } from '../sync/useModes.js';
import { FollowIcon, MaskIcon, QuietIcon } from '../ui/sessionIcons.js';

interface Props {
  boardId: BoardId;
  token: string;
  modes: Modes;
}

/**
 * The facilitator's session modes as toggle buttons: pressed means on, as the document says
 * (the server writes the flag), not as last clicked.
 */
export function ModeToggles({ boardId, token, modes }: Props) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (c: Command) => {
    setBusy(true);
    setError(null);
    const r = await sendCommand(boardId, token, c);
    setBusy(false);
    if (!r.ok) setError(r.error ?? t('voting.unreachable'));
  };
  const toggle = (testId: string, on: boolean, icon: ReactNode, label: string, hint: string, command: Command) => (
    <button type="button" className={on ? 'btn btn-small mode-toggle is-on' : 'btn btn-small mode-toggle'} data-testid={testId} aria-pressed={on} disabled={busy} title={hint} onClick={() => void run(command)}>
      {icon}
      <span className="mode-toggle-label">{label}</span>
    </button>
  );
  return (
    <span className="mode-toggles" role="group" aria-label={t('modes.label')}>
      {toggle('silent-toggle', modes.silent, <QuietIcon />, t('modes.silent'), t(modes.silent ? 'modes.silentOffHint' : 'modes.silentOnHint'), { type: 'setSilent', on: !modes.silent })}
      {toggle('anonymous-toggle', modes.anonymous, <MaskIcon />, t('modes.anonymous'), t(modes.anonymous ? 'modes.anonymousOffHint' : 'modes.anonymousOnHint'), { type: 'setAnonymous', on: !modes.anonymous })}
      {toggle('follow-toggle', modes.followMe, <FollowIcon />, t('modes.follow'), t(modes.followMe ? 'modes.followOffHint' : 'modes.followOnHint'), { type: 'setFollowMe', on: !modes.followMe })}
      {error && <span className="inline-error" role="alert">{error}</span>}
    </span>
  );
}
