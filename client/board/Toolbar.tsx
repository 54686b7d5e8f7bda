import type { KeyboardEvent } from 'react';
import type { Team } from '../../shared/schema.js';
import { TeamFilter } from '../teams/TeamFilter.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { BoardIcon, FitIcon, FolderPlusIcon, ListIcon, PlusIcon, RedoIcon, SparkIcon, UndoIcon, ZoomInIcon, ZoomOutIcon } from '../ui/icons.js';
import { BallotIcon } from '../ui/sessionIcons.js';
import type { BoardView } from './usePhaseView.js';

export type { BoardView };

interface Props {
  view: BoardView;
  onView: (view: BoardView) => void;
  zoom: number;
  canAdd: boolean;
  /** Why adding is not possible now, shown on the disabled button. */
  addBlockedReason: string | null;
  teams: readonly Team[];
  teamFilter: string | null;
  onTeamFilter: (team: string | null) => void;
  canUndo: boolean;
  canRedo: boolean;
  onAddNote: () => void;
  /** Null when categories cannot be made now (the button is then not offered). */
  onAddCluster: (() => void) | null;
  /** The facilitator's "Suggest categories"; null for everyone else. */
  onSuggest: (() => void) | null;
  onUndo: () => void;
  onRedo: () => void;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onZoomReset: () => void;
  onFit: () => void;
  /** The current phase's own screen (setup, ballot, results), named for the button; null when the phase has none. */
  panelLabel: string | null;
}

/** Arrow keys move between tools, as the ARIA toolbar pattern leads screen-reader users to expect. */
function moveFocus(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
  const tools = [...e.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), select:not(:disabled)')];
  const at = tools.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === 'Home' ? 0
    : e.key === 'End' ? tools.length - 1
    : (at + (e.key === 'ArrowRight' ? 1 : -1) + tools.length) % tools.length;
  tools[next]?.focus();
  e.preventDefault();
}

/** Board tools. A floating bar on wide screens; a bottom bar with large targets on phones (see styles.css). */
export function Toolbar(p: Props) {
  const { t } = useI18n();
  const percent = Math.round(p.zoom * 100);
  const board = p.view === 'board';
  const panel = p.view === 'panel';
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')} onKeyDown={moveFocus} data-view={p.view}>
      {p.panelLabel && !panel && (
        <>
          <button type="button" className="tool tool-panel" data-testid="view-panel" onClick={() => p.onView('panel')}>
            <BallotIcon />
            <span className="tool-label">{p.panelLabel}</span>
          </button>
          <span className="tool-sep" aria-hidden="true" />
        </>
      )}
      {board && (
        <button
          type="button"
          className="tool tool-primary"
          data-testid="add-note"
          onClick={p.onAddNote}
          disabled={!p.canAdd}
          aria-keyshortcuts="N"
          title={!p.canAdd && p.addBlockedReason ? p.addBlockedReason : undefined}
        >
          <PlusIcon />
          <span className="tool-label">{t('toolbar.addNote')}</span>
        </button>
      )}
      {p.onAddCluster && !panel && (
        <button type="button" className="tool" data-testid="add-cluster" onClick={p.onAddCluster} title={t('toolbar.addCluster')}>
          <FolderPlusIcon />
          <span className="tool-label tool-label-wide">{t('toolbar.addCluster')}</span>
        </button>
      )}
      {!panel && (
        <>
          <span className="tool-sep" aria-hidden="true" />
          <button
            type="button"
            className="tool"
            data-testid="undo"
            onClick={p.onUndo}
            disabled={!p.canUndo}
            aria-label={t('toolbar.undo')}
            title={`${t('toolbar.undo')} (Ctrl+Z)`}
            aria-keyshortcuts="Control+Z Meta+Z"
          >
            <UndoIcon />
          </button>
          <button
            type="button"
            className="tool"
            data-testid="redo"
            onClick={p.onRedo}
            disabled={!p.canRedo}
            aria-label={t('toolbar.redo')}
            title={`${t('toolbar.redo')} (Ctrl+Shift+Z)`}
            aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
          >
            <RedoIcon />
          </button>
        </>
      )}
      {board && (
        <>
          <span className="tool-sep" aria-hidden="true" />
          <button type="button" className="tool tool-zoom-step" data-testid="zoom-out" onClick={p.onZoomOut} aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')}>
            <ZoomOutIcon />
          </button>
          <button
            type="button"
            className="tool tool-zoom"
            data-testid="zoom-reset"
            onClick={p.onZoomReset}
            aria-label={`${t('toolbar.zoomLevel', { percent })}. ${t('toolbar.zoomReset')}`}
            title={t('toolbar.zoomReset')}
          >
            {percent}%
          </button>
          <button type="button" className="tool tool-zoom-step" data-testid="zoom-in" onClick={p.onZoomIn} aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')}>
            <ZoomInIcon />
          </button>
          <button type="button" className="tool" data-testid="fit" onClick={p.onFit} aria-label={t('toolbar.fit')} title={t('toolbar.fit')}>
            <FitIcon />
          </button>
        </>
      )}
      {!panel && <span className="tool-sep" aria-hidden="true" />}
      {/* Buttons name the other views; a label is the accessible name, the title says more. */}
      {!board && (
        <button type="button" className="tool" data-testid="view-board" onClick={() => p.onView('board')} title={t('toolbar.viewBoardHint')}>
          <BoardIcon />
          <span className={panel ? 'tool-label' : 'tool-label tool-label-wide'}>{t('toolbar.viewBoard')}</span>
        </button>
      )}
      {p.view !== 'outline' && (
        <button type="button" className="tool" data-testid="view-outline" onClick={() => p.onView('outline')} title={t('toolbar.viewOutlineHint')}>
          <ListIcon />
          <span className={panel ? 'tool-label' : 'tool-label tool-label-wide'}>{t('toolbar.viewOutline')}</span>
        </button>
      )}
      {p.onSuggest && !panel && (
        <button type="button" className="tool" data-testid="suggest-open" onClick={p.onSuggest} title={t('toolbar.suggest')}>
          <SparkIcon />
          <span className="tool-label tool-label-wide">{t('toolbar.suggest')}</span>
        </button>
      )}
      {/* The highlight dims notes on the canvas; the outline lists every note plainly. */}
      {board && p.teams.length > 0 && !panel && (
        <>
          <span className="tool-sep" aria-hidden="true" />
          <TeamFilter teams={p.teams} value={p.teamFilter} onChange={p.onTeamFilter} />
        </>
      )}
    </div>
  );
}
