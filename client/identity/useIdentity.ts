import { useCallback, useMemo, useState } from 'react';
import { MAX_NAME } from '../../shared/schema.js';
import { cleanText } from '../../shared/validate.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { friendlyName } from './friendlyNames.js';
import { loadIdentity, saveIdentity, type StoredIdentity } from './identity.js';

export interface Identity {
  id: string;
  name: string;
  color: string;
  /** An empty name restores the friendly default. */
  setName: (name: string) => void;
}

export function useIdentity(): Identity {
  const { lang } = useI18n();
  const [stored, setStored] = useState<StoredIdentity>(loadIdentity);

  const setName = useCallback((name: string) => {
    setStored((prev) => {
      const next = { ...prev, customName: cleanText(name, MAX_NAME).trim() || null };
      saveIdentity(next);
      return next;
    });
  }, []);

  return useMemo(
    () => ({
      id: stored.id,
      name: stored.customName ?? friendlyName(lang, stored.nameSeed[0], stored.nameSeed[1]),
      color: stored.color,
      setName,
    }),
    [stored, lang, setName],
  );
}
