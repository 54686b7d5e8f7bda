/**
 * Typed transaction origins. The client's UndoManager tracks only LOCAL_ORIGIN, so remote
 * changes (origin = the provider) and migrations never land in anyone's undo stack.
 */
export const LOCAL_ORIGIN = Symbol('charrette:local');
export const MIGRATION_ORIGIN = Symbol('charrette:migration');
export const LOAD_ORIGIN = Symbol('charrette:load');
export const SERVER_ORIGIN = Symbol('charrette:server');

export type TxOrigin = typeof LOCAL_ORIGIN | typeof MIGRATION_ORIGIN | typeof LOAD_ORIGIN | typeof SERVER_ORIGIN;
