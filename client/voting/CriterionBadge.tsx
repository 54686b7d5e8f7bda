import type { CSSProperties } from 'react';
import type { Criterion } from '../../shared/criteria.js';
import { luminance } from '../../shared/palette.js';

/** Black or white, whichever reads better on `hex`: criteria colors range from black to yellow. */
export const inkOn = (hex: string): string => (luminance(hex) > 0.22 ? '#111111' : '#ffffff');

/** The criterion's color and its letter as CSS variables, for badges, dots and heat-map cells. */
export const criterionStyle = (c: Pick<Criterion, 'color'>): CSSProperties =>
  ({ '--criterion-color': c.color, '--criterion-ink': inkOn(c.color) }) as CSSProperties;

interface Props {
  criterion: Criterion;
  /** Show the name beside the letter (the letter alone where space is short, with the name for screen readers). */
  withName?: boolean;
  size?: 'sm' | 'md' | 'lg';
}

/** A criterion as everyone sees it: its letter on its color, never the color alone. */
export function CriterionBadge({ criterion: c, withName = false, size = 'md' }: Props) {
  return (
    <span className={`criterion criterion-${size}`} style={criterionStyle(c)} data-criterion={c.id}>
      <span className="criterion-letter" aria-hidden="true" title={withName ? undefined : c.name}>
        {c.letter}
      </span>
      {withName ? <span className="criterion-name">{c.name}</span> : <span className="visually-hidden">{c.name}</span>}
    </span>
  );
}
