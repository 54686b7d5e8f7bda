/**
 * Default display names ("Curious Heron", "Garza Curiosa"): friendly, anonymous, and stable
 * for a device because they are derived from two stored indices rather than stored as text,
 * so switching language renames the default in the new language.
 */
import type { Lang } from '../i18n/i18n.js';

type Gender = 'm' | 'f';

const ADJECTIVES: Record<Lang, readonly (readonly [m: string, f: string])[]> = {
  en: [
    ['Curious', 'Curious'], ['Bright', 'Bright'], ['Calm', 'Calm'], ['Bold', 'Bold'],
    ['Kind', 'Kind'], ['Clever', 'Clever'], ['Patient', 'Patient'], ['Cheerful', 'Cheerful'],
    ['Gentle', 'Gentle'], ['Brave', 'Brave'], ['Thoughtful', 'Thoughtful'], ['Swift', 'Swift'],
  ],
  es: [
    ['Curioso', 'Curiosa'], ['Brillante', 'Brillante'], ['Tranquilo', 'Tranquila'], ['Audaz', 'Audaz'],
    ['Amable', 'Amable'], ['Ingenioso', 'Ingeniosa'], ['Paciente', 'Paciente'], ['Alegre', 'Alegre'],
    ['Sereno', 'Serena'], ['Valiente', 'Valiente'], ['Atento', 'Atenta'], ['Veloz', 'Veloz'],
  ],
};

const ANIMALS: Record<Lang, readonly (readonly [name: string, gender: Gender])[]> = {
  en: [
    ['Heron', 'f'], ['Otter', 'f'], ['Fox', 'm'], ['Owl', 'f'], ['Badger', 'm'], ['Finch', 'm'],
    ['Turtle', 'f'], ['Lynx', 'm'], ['Dolphin', 'm'], ['Panda', 'm'], ['Hare', 'f'], ['Robin', 'm'],
  ],
  // Same animals, with the grammatical gender the adjective must agree with.
  es: [
    ['Garza', 'f'], ['Nutria', 'f'], ['Zorro', 'm'], ['Lechuza', 'f'], ['Tejón', 'm'], ['Pinzón', 'm'],
    ['Tortuga', 'f'], ['Lince', 'm'], ['Delfín', 'm'], ['Panda', 'm'], ['Liebre', 'f'], ['Petirrojo', 'm'],
  ],
};

export const NAME_SEED_RANGE = { adjectives: ADJECTIVES.en.length, animals: ANIMALS.en.length } as const;

export function friendlyName(lang: Lang, adjective: number, animal: number): string {
  const adj = ADJECTIVES[lang][adjective % ADJECTIVES[lang].length] ?? ['', ''];
  const [name, gender] = ANIMALS[lang][animal % ANIMALS[lang].length] ?? ['', 'm'];
  const a = gender === 'f' ? adj[1] : adj[0];
  // English puts the adjective first; Spanish after the noun.
  return lang === 'es' ? `${name} ${a}` : `${a} ${name}`;
}
