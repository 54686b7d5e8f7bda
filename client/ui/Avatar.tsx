/** Initials on the person's presence color; the name is always available as text beside or in the label. */
export function initials(name: string): string {
  // Letters only: "Ana (MPUSD)" is "AM", not "A(".
  const words = name.trim().split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const second = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + second).toUpperCase();
}

export function Avatar({ name, color, size = 'md' }: { name: string; color: string; size?: 'sm' | 'md' }) {
  return (
    <span className={`avatar avatar-${size}`} style={{ backgroundColor: color }} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
