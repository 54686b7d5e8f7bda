/**
 * Team colors and ids. Colors are the Okabe–Ito color-blind-safe set at full strength: a team
 * is always shown as a swatch beside its name, never as color alone, so the swatch only has
 * to be told apart from its neighbours, not read against text.
 */
import { STRONG_COLORS, TEAM_COLOR_ORDER } from '../../shared/palette.js';
import { MAX_TEAMS, type Team } from '../../shared/schema.js';
import type { MessageKey } from '../i18n/i18n.js';

export const TEAM_COLORS: ReadonlyArray<{ hex: string; name: MessageKey }> = TEAM_COLOR_ORDER.map((c) => ({
  hex: STRONG_COLORS[c],
  name: `color.${c}` as MessageKey,
}));

/** Same length and alphabet the server accepts (shared/validate.ts restoreTeams). */
const MAX_TEAM_ID = 32;

/** The first palette color no team uses yet, cycling once all are taken. */
export function nextTeamColor(teams: readonly Pick<Team, 'color'>[]): string {
  const used = new Set(teams.map((t) => t.color.toUpperCase()));
  return (TEAM_COLORS.find((c) => !used.has(c.hex)) ?? TEAM_COLORS[teams.length % TEAM_COLORS.length]!).hex;
}

/** A team id from its name: "Long Beach USD" → "long-beach-usd"; accents dropped, unique among `taken`. */
export function teamIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_TEAM_ID - 3)
      .replace(/-+$/, '') || 'team';
  if (!taken.has(base)) return base;
  for (let n = 2; n <= MAX_TEAMS + 1; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
  return `${base}-${Date.now().toString(36).slice(-2)}`;
}
