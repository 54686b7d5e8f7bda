import { useI18n } from '../i18n/I18nProvider.js';
import type { BoardContent } from '../sync/useBoardContent.js';
import { ClusterOptions } from './ClusterOptions.js';
import { MoveToDialog } from './MoveToDialog.js';
import { SuggestDialog } from './SuggestDialog.js';
import type { ClusterActions, Proposal } from './useClusterActions.js';

interface Props {
  content: BoardContent;
  actions: ClusterActions;
  canWrite: boolean;
  canRemove: boolean;
  /** The note whose "Move to…" is open. */
  moveToId: string | null;
  onCloseMoveTo: () => void;
  /** The category whose options are open. */
  optionsFor: string | null;
  onCloseOptions: () => void;
  suggesting: boolean;
  onCloseSuggest: () => void;
  /** After a suggestion was accepted: the categories it made. */
  onAccepted: (ids: string[]) => void;
  announce: (message: string) => void;
}

/** Focus the "Move to…" button of a note wherever it now is (the outline re-creates a moved item). */
function focusMoveTo(noteId: string): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`[data-note-id="${noteId}"] [data-testid="move-to"]`);
    if (el && document.activeElement !== el) el.focus({ preventScroll: false });
  });
}

/** The category panels of the board and the outline: "Move to…", a category's options, suggestions. */
export function ClusterDialogs(p: Props) {
  const { t, tn } = useI18n();
  const { notes, clusters, clusterById, groups, counts } = p.content;
  const moving = p.moveToId ? notes.find((n) => n.id === p.moveToId) : undefined;
  const options = p.optionsFor ? clusterById.get(p.optionsFor) : undefined;

  const pick = (clusterId: string) => {
    if (!moving) return;
    const text = moving.text.trim().slice(0, 80) || t('note.empty');
    const moved = p.actions.moveTo(moving.id, clusterId);
    p.onCloseMoveTo();
    focusMoveTo(moving.id);
    if (!moved) return;
    const name = clusterById.get(clusterId)?.name || t('cluster.untitled');
    p.announce(clusterId ? t('moveTo.done', { note: text, category: name }) : t('moveTo.doneUnsorted', { note: text }));
  };

  const accept = (proposals: Proposal[]) => {
    // Only notes still unsorted: someone may have sorted some while the preview was open.
    const unsorted = new Set((groups.get('') ?? []).map((n) => n.id));
    const ids = p.actions.accept(proposals.map((x) => ({ ...x, noteIds: x.noteIds.filter((id) => unsorted.has(id)) })));
    p.onCloseSuggest();
    if (ids.length > 0) {
      p.announce(tn('suggest.applied', ids.length));
      p.onAccepted(ids);
    }
  };

  return (
    <>
      {moving && <MoveToDialog note={moving} clusters={clusters} counts={counts} onPick={pick} onClose={p.onCloseMoveTo} />}
      {options && !options.deleted && (
        <ClusterOptions
          cluster={options}
          clusters={clusters}
          canWrite={p.canWrite}
          canRemove={p.canRemove}
          actions={p.actions}
          onClose={p.onCloseOptions}
        />
      )}
      {p.suggesting && <SuggestDialog notes={groups.get('') ?? []} onAccept={accept} onClose={p.onCloseSuggest} />}
    </>
  );
}
