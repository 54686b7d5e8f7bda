import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type BoardApi = typeof import('../../client/sync/boardApi.js');

describe('board lookup prefetched while the page starts', () => {
  let api: BoardApi;
  let asked: string[];

  beforeEach(async () => {
    asked = [];
    // The lookup's HTTP answer, per board: found with epoch "e1".
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      const id = decodeURIComponent(url.split('/').pop()!);
      return new Response(JSON.stringify({ id, epoch: 'e1' }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    vi.resetModules();
    api = await import('../../client/sync/boardApi.js');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const ID = 'Cdsk2Exjxkku' as Parameters<BoardApi['lookupBoard']>[0];
  const OTHER = 'Xwe2UKeb2CwN' as Parameters<BoardApi['lookupBoard']>[0];

  it('the first lookup of the board takes the prefetched answer; later ones ask again', async () => {
    api.prefetchBoard(ID);
    expect(asked).toHaveLength(1);
    expect(await api.lookupBoard(ID)).toEqual({ kind: 'found', board: { id: ID, epoch: 'e1' } });
    expect(asked).toHaveLength(1);
    await api.lookupBoard(ID);
    expect(asked).toHaveLength(2);
  });

  it('a prefetch of another board, or one too old, is not used', async () => {
    api.prefetchBoard(OTHER);
    expect(await api.lookupBoard(ID)).toEqual({ kind: 'found', board: { id: ID, epoch: 'e1' } });
    expect(asked).toEqual([`/api/boards/${OTHER}`, `/api/boards/${ID}`]);

    vi.useFakeTimers({ toFake: ['performance'] });
    api.prefetchBoard(ID);
    vi.advanceTimersByTime(10_001);
    await api.lookupBoard(ID);
    expect(asked).toHaveLength(4);
  });

  it('a taker of the prefetch still stops when its lookup is aborted', async () => {
    api.prefetchBoard(ID);
    const abort = new AbortController();
    const taken = api.lookupBoard(ID, abort.signal);
    abort.abort(new Error('left the page'));
    await expect(taken).rejects.toThrow('left the page');
    expect(asked).toHaveLength(1);
  });
});
