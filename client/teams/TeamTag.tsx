import { memo } from 'react';
import type { Team } from '../../shared/schema.js';

/** A team's name with its swatch: the name carries the meaning, the color helps the eye group. */
export const TeamTag = memo(function TeamTag({ team, size = 'sm' }: { team: Team; size?: 'sm' | 'lg' }) {
  return (
    <span className={`team-tag team-tag-${size}`} data-testid="team-tag" data-team={team.id}>
      <span className="team-swatch" style={{ backgroundColor: team.color }} aria-hidden="true" />
      <span className="team-name">{team.name}</span>
    </span>
  );
});
