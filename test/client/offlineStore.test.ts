/**
 * The offline copy (real y-indexeddb over fake-indexeddb, an in-memory IndexedDB): local changes
 * are stored at once, the server's are merged and stored together after a delay or on destroy,
 * and a reopened copy holds all of them.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';
import { OfflineStore } from '../../client/sync/offlineStore.js';

const SERVER = Symbol('server');
const fromServer = (origin: unknown) => origin === SERVER;
let n = 0;

/** The texts a fresh copy of database `name` holds. */
async function storedTexts(name: string): Promise<string[]> {
  const doc = new Y.Doc();
  const reader = new IndexeddbPersistence(name, doc);
  await reader.whenSynced;
  const texts = [...doc.getMap<string>('notes').values()].sort();
  await reader.destroy();
  doc.destroy();
  return texts;
}

/** A change made by another Yjs client, as the server would send it. */
function remoteUpdate(key: string): Uint8Array {
  const other = new Y.Doc();
  other.getMap<string>('notes').set(key, key);
  return Y.encodeStateAsUpdate(other);
}

describe('offline store', () => {
  const names: string[] = [];
  const open = async (delayMs: number) => {
    const name = `offline-store-test-${n++}`;
    names.push(name);
    const doc = new Y.Doc();
    const store = new OfflineStore(name, doc, fromServer, delayMs);
    await store.whenSynced;
    return { name, doc, store };
  };
  afterEach(async () => {
    for (const name of names.splice(0)) await clearDocument(name);
  });

  it('stores a local change at once, and the server changes only when their batch is due', async () => {
    const { name, doc, store } = await open(60_000);
    doc.getMap<string>('notes').set('mine', 'mine');
    Y.applyUpdate(doc, remoteUpdate('theirs-1'), SERVER);
    Y.applyUpdate(doc, remoteUpdate('theirs-2'), SERVER);
    expect(await storedTexts(name)).toEqual(['mine']);
    store.flushRemote(); // what the timer does when the delay is over
    expect(await storedTexts(name)).toEqual(['mine', 'theirs-1', 'theirs-2']);
    await store.destroy();
    doc.destroy();
  });

  it('stores the waiting server changes by their timer', async () => {
    const { name, doc, store } = await open(20);
    Y.applyUpdate(doc, remoteUpdate('timed'), SERVER);
    await new Promise((r) => setTimeout(r, 200));
    expect(await storedTexts(name)).toEqual(['timed']);
    await store.destroy();
    doc.destroy();
  });

  it('stores waiting server changes before a local change that may build on them', async () => {
    const { name, doc, store } = await open(60_000);
    Y.applyUpdate(doc, remoteUpdate('theirs'), SERVER);
    doc.getMap<string>('notes').set('mine', 'mine');
    expect(await storedTexts(name)).toEqual(['mine', 'theirs']);
    await store.destroy();
    doc.destroy();
  });

  it('stores the server changes still waiting when it is destroyed', async () => {
    const { name, doc, store } = await open(60_000);
    Y.applyUpdate(doc, remoteUpdate('late'), SERVER);
    await store.destroy();
    doc.destroy();
    expect(await storedTexts(name)).toEqual(['late']);
  });

  it('stops storing after destroy', async () => {
    const { name, doc, store } = await open(10);
    await store.destroy();
    doc.getMap<string>('notes').set('after', 'after');
    Y.applyUpdate(doc, remoteUpdate('after-remote'), SERVER);
    await new Promise((r) => setTimeout(r, 50));
    expect(await storedTexts(name)).toEqual([]);
    doc.destroy();
  });
});
