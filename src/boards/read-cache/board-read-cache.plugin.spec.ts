import type { GraphQLRequestListener } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import type { RequestAuthenticator } from '../../auth/request-authenticator';
import { Caller } from '../../auth/caller';
import type { GraphqlContext } from '../../common/graphql/graphql-context';
import type { BoardsRepository } from '../boards.repository';
import { BoardDocumentCache } from './board-document-cache';
import type { BoardReadCache } from './board-read-cache';
import { BoardReadCachePlugin } from './board-read-cache.plugin';

const BOARD = '6f1c1d7e-0000-4000-8000-000000000001';
const TEAM = '6f1c1d7e-0000-4000-8000-0000000000aa';
const schema = buildSchema(
  `type Query { board(id: ID!): Board } type Board { id: ID! name: String! }`,
);
const document = parse(`query ($id: ID!) { board(id: $id) { id name } }`);
const operation = document.definitions[0];

/** The plugin with a real document cache, a board at version `version.now`, one viewer token. */
function setup() {
  const documents = new BoardDocumentCache(1_000_000);
  const cache = {
    enabled: true,
    get: (b: string, v: number, s: string) => documents.get(b, v, s),
    set: (b: string, v: number, s: string, d: Record<string, unknown>) =>
      documents.set(b, v, s, d, 10),
  } as unknown as BoardReadCache;
  const version = { now: 1 };
  const boards = {
    stamp: () => Promise.resolve({ teamId: TEAM, version: version.now }),
  } as unknown as BoardsRepository;
  const viewer = new Caller('tok', 'viewer', false, new Map([[TEAM, 'VIEWER' as const]]));
  const authenticator = {
    callerOf: () => Promise.resolve(viewer),
  } as unknown as RequestAuthenticator;
  return { plugin: new BoardReadCachePlugin(cache, boards, authenticator), version };
}

/** Lets every pending lookup run up to its next real wait. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One request through the plugin's hooks, as Apollo calls them. */
async function request(plugin: BoardReadCachePlugin) {
  const listener = (await plugin.requestDidStart()) as GraphQLRequestListener<GraphqlContext>;
  const response = { http: { headers: new Map(), status: undefined }, body: undefined as unknown };
  const context = {
    schema,
    document,
    operation,
    operationName: null,
    queryHash: 'hash',
    request: { variables: { id: BOARD } },
    response,
    contextValue: { req: {} },
  };
  return {
    /** The cached or shared answer's data, or null: the request must execute. */
    lookup: async (): Promise<unknown> => {
      const answer = await listener.responseForOperation!(context as never);
      return answer ? (answer.body as { singleResult: { data: unknown } }).singleResult.data : null;
    },
    /** The request executed and answers `data`. */
    answer: async (data: Record<string, unknown>): Promise<void> => {
      response.body = { kind: 'single', singleResult: { data } };
      await listener.willSendResponse!(context as never);
    },
    fail: async (): Promise<void> => {
      await listener.didEncounterErrors!(context as never);
    },
  };
}

describe('BoardReadCachePlugin', () => {
  it('lets identical reads that arrive during an execution wait for it and share its answer', async () => {
    const { plugin } = setup();
    const first = await request(plugin);
    expect(await first.lookup()).toBeNull();
    const second = await request(plugin);
    const waiting = second.lookup();
    await settled();
    await first.answer({ board: { id: BOARD, name: 'Ops' } });
    expect(await waiting).toEqual({ board: { id: BOARD, name: 'Ops' } });
    const third = await request(plugin);
    expect(await third.lookup()).toEqual({ board: { id: BOARD, name: 'Ops' } }); // cached
  });

  it('lets waiters execute themselves when the execution they waited for failed', async () => {
    const { plugin } = setup();
    const first = await request(plugin);
    expect(await first.lookup()).toBeNull();
    const waiting = (await request(plugin)).lookup();
    await settled();
    await first.fail();
    expect(await waiting).toBeNull();
  });

  it('never shares or serves an answer across versions', async () => {
    const { plugin, version } = setup();
    const first = await request(plugin);
    expect(await first.lookup()).toBeNull();
    version.now = 2;
    const later = await request(plugin);
    expect(await later.lookup()).toBeNull(); // not waiting on version 1's execution
    await first.answer({ board: { id: BOARD, name: 'Old' } });
    await later.answer({ board: { id: BOARD, name: 'New' } });
    expect(await (await request(plugin)).lookup()).toEqual({ board: { id: BOARD, name: 'New' } });
  });
});
