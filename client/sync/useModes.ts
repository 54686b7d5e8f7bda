import type * as Y from 'yjs';
import { selectAnonymous, selectSilent } from '../../shared/meta.js';
import { getMeta } from '../../shared/schema.js';
import { useMetaValue } from './useMetaValue.js';

/** The facilitator's session modes, written by the server on their commands. */
export interface Modes {
  /** Silent brainstorm: participants' new notes stay on their devices until revealed. */
  silent: boolean;
  /** No author names anywhere (the server strips them). */
  anonymous: boolean;
  /** Everyone's board follows the facilitator's view. */
  followMe: boolean;
}

const selectModes = (doc: Y.Doc): Modes => ({
  silent: selectSilent(doc),
  anonymous: selectAnonymous(doc),
  // shared/meta.ts writes this flag (setFlag) but has no selector for it.
  followMe: getMeta(doc).get('followMe') === true,
});

export const useModes = (doc: Y.Doc): Modes => useMetaValue(doc, selectModes);
