import type * as Y from 'yjs';
import type { VotingSettings } from '../../shared/criteria.js';
import { selectDecision, selectResults, selectVoting, type Decision, type RevealedResults } from '../../shared/meta.js';
import { selectPlan, type ActionPlan } from '../../shared/plan.js';
import { useMetaValue } from '../sync/useMetaValue.js';

/** The board's voting settings and round status: criteria, budgets, what is voted on. */
export const useVotingSettings = (doc: Y.Doc): VotingSettings => useMetaValue(doc, selectVoting);

/** The results the server wrote on reveal, or null while votes are hidden. */
export const useResults = (doc: Y.Doc): RevealedResults | null => useMetaValue(doc, selectResults);

/** The action plan the facilitator writes in the Plan phase (empty until then). */
export const usePlan = (doc: Y.Doc): ActionPlan => useMetaValue(doc, selectPlan);

/** The facilitator's recorded decision, or null. */
export const useDecision = (doc: Y.Doc): Decision | null => useMetaValue(doc, selectDecision);
