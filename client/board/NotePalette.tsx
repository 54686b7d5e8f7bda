import { NOTE_COLOR_NAMES, NOTE_COLORS, type NoteColor } from '../../shared/palette.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Props {
  current: NoteColor;
  onPick: (color: NoteColor) => void;
}

/** Color swatches for the selected note. Each has a spoken name and shows a check when current. */
export function NotePalette({ current, onPick }: Props) {
  const { t } = useI18n();
  return (
    <div className="note-palette" role="group" aria-label={t('note.colors')}>
      {NOTE_COLOR_NAMES.map((name) => {
        const label = t(`color.${name}`);
        return (
          <button
            key={name}
            type="button"
            className="swatch"
            data-testid={`color-${name}`}
            aria-label={t('note.colorName', { color: label })}
            aria-pressed={name === current}
            title={label}
            style={{ backgroundColor: NOTE_COLORS[name] }}
            onClick={() => onPick(name)}
          />
        );
      })}
    </div>
  );
}
