import { buildSchema, GraphQLObjectType } from 'graphql';
import { objectTypeName, pickTarget, redactArgs } from './audit/audit.interceptor';

describe('redactArgs', () => {
  it('replaces secrets by key, at any depth', () => {
    expect(
      redactArgs({
        id: 'i',
        input: { name: 'n', hmacSecret: 's', nested: [{ token: 't', password: 'p' }] },
        credentials: { a: 1 },
      }),
    ).toEqual({
      id: 'i',
      input: {
        name: 'n',
        hmacSecret: '[redacted]',
        nested: [{ token: '[redacted]', password: '[redacted]' }],
      },
      credentials: '[redacted]',
    });
  });

  it('cuts long strings and long lists, and stops at a depth', () => {
    const cut = redactArgs({
      text: 'x'.repeat(600),
      list: Array.from({ length: 80 }, (_v, i) => i),
    }) as {
      text: string;
      list: number[];
    };
    expect(cut.text).toHaveLength(501);
    expect(cut.list).toHaveLength(50);
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10; i++) deep = { deeper: deep };
    expect(JSON.stringify(redactArgs(deep))).toContain('[…]');
  });

  it('keeps references to tokens, which name them without holding them', () => {
    expect(redactArgs({ tokenId: 'k1', tokenIds: ['k2'], token: 'lb_x' })).toEqual({
      tokenId: 'k1',
      tokenIds: ['k2'],
      token: '[redacted]',
    });
  });

  it('keeps dates as they are', () => {
    const at = new Date('2031-01-01T00:00:00Z');
    expect(redactArgs({ expiresAt: at })).toEqual({ expiresAt: at });
  });
});

describe('the audit target', () => {
  const schema = buildSchema(`
    type Query { x: Int }
    type Board { id: ID! teamId: ID! }
    type ApiTokenModel { id: ID! }
    type Mutation { renameBoard: Board! revokeApiToken: ApiTokenModel! reorder: [Board!]! deleteTask: ID! }
  `);
  const returnOf = (field: string) =>
    objectTypeName((schema.getMutationType() as GraphQLObjectType).getFields()[field]!.type);

  it('takes its type from the GraphQL return type (Prisma rows are plain objects)', () => {
    expect(returnOf('renameBoard')).toBe('Board');
    expect(returnOf('revokeApiToken')).toBe('ApiToken');
    expect(returnOf('reorder')).toBe('Board');
    expect(returnOf('deleteTask')).toBeNull();
    expect(pickTarget({ id: 'b1', teamId: 't1' }, 'Board')).toEqual({
      type: 'Board',
      id: 'b1',
      teamId: 't1',
    });
  });

  it('names the object inside a payload', () => {
    expect(pickTarget({ token: 'secret', apiToken: { id: 'k1' } }, 'CreatedApiToken')).toEqual({
      type: 'ApiToken',
      id: 'k1',
      teamId: null,
    });
    expect(pickTarget({ integration: { id: 'i1', teamId: 't1' } }, 'X')).toMatchObject({
      type: 'AlertIntegration',
      teamId: 't1',
    });
  });

  it('takes a team as its own team, and a returned id as the target', () => {
    expect(pickTarget({ id: 't1', key: 'OPS' }, 'Team')).toEqual({
      type: 'Team',
      id: 't1',
      teamId: 't1',
    });
    expect(pickTarget('task-1', null)).toEqual({ type: null, id: 'task-1', teamId: null });
  });
});
