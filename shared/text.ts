/**
 * Text features for suggesting categories: tokens with English and Spanish stop words removed
 * and a light, language-agnostic stemmer. Pure and deterministic.
 */

const STOP_EN = `a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each every few for from further get had has have
having he her here hers him his how i if in into is it its itself just like make many may me more most much must my
no nor not now of off on once only or other our ours out over own same she should so some such than that the their
them then there these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours us use using used new way ways via let lets might need needs`;

const STOP_ES = `a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el ella
ellas ellos en entre era eran es esa esas ese eso esos esta estaba estado estan estar estas este esto estos fue fueron
ha habia han hasta hay la las le les lo los mas me mi mis mucho muy nada ni no nos nosotros o otra otras otro otros
para pero poco por porque que quien se sea ser si sin sobre su sus tambien tan te tiene tienen todo todos tu un una
uno unos y ya cada mas sus hacer puede pueden`;

export const STOP_WORDS: ReadonlySet<string> = new Set([...STOP_EN.split(/\s+/), ...STOP_ES.split(/\s+/)].filter(Boolean));

/** Lower-case, accents removed ("creación" → "creacion"), so Spanish and English share tokens where they can. */
export const fold = (s: string): string => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** Strip common inflections so "students"/"student", "grading"/"grade", "políticas"/"política" meet. */
export function stem(w: string): string {
  let s = w;
  for (const suf of ['mente', 'ments', 'ment', 'ings', 'ing', 'ciones', 'cion', 'edly', 'ies', 'es', 'ed', 'ly', 's']) {
    if (s.length - suf.length >= 4 && s.endsWith(suf)) {
      s = suf === 'ies' ? `${s.slice(0, -3)}y` : s.slice(0, -suf.length);
      break;
    }
  }
  // Collapse a final silent vowel so "grade"/"grad(ing)" and "politica"/"politic(as)" meet.
  if (s.length >= 5 && /[aeo]$/.test(s)) s = s.slice(0, -1);
  return s;
}

export interface Token {
  stem: string;
  /** The word as written (lower-cased), to name things in people's own words. */
  word: string;
}

/** Content tokens of a note: letters only, at least 3 characters, no stop words. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    const folded = fold(raw);
    if (folded.length < 3 || STOP_WORDS.has(folded) || /^\d+$/.test(folded)) continue;
    out.push({ stem: stem(folded), word: raw });
  }
  return out;
}
