/**
 * Client-only transaction origins. LOCAL_ORIGIN (shared/origins.ts) is what the UndoManager
 * tracks; a local write that must never be undone goes out under LOCAL_FINAL_ORIGIN instead.
 *
 * Why: undoing a write is itself a write the server judges. A participant may create a
 * category but not remove one (shared/policy.ts), so undoing their own "New category" would
 * be refused and cost the connection. Such writes stay out of the undo stack.
 */
export const LOCAL_FINAL_ORIGIN = Symbol('charrette:local-final');
