/** Friendly default display names for participants who do not pick one ("Curious Heron"). */
const ADJECTIVES = ['Curious', 'Bright', 'Calm', 'Bold', 'Kind', 'Swift', 'Clever', 'Gentle', 'Brave', 'Sunny', 'Quiet', 'Lively'];
const ANIMALS = ['Heron', 'Otter', 'Fox', 'Owl', 'Lynx', 'Finch', 'Panda', 'Koala', 'Falcon', 'Dolphin', 'Badger', 'Robin'];

const pick = <T>(list: readonly T[]): T => {
  const b = new Uint8Array(1);
  globalThis.crypto.getRandomValues(b);
  return list[b[0]! % list.length]!;
};

export const friendlyName = (): string => `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
