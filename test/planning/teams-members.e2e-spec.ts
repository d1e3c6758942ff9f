import {
  addMember,
  createBoard,
  createSprint,
  createTeam,
  startSprint,
} from '../helpers/factories';
import { expectBadInput, expectCode } from '../helpers/graphql-errors';
import { startTestApp, TestApp } from '../helpers/test-app';

const TEAM_FIELDS = `id key name workingDays createdAt
  members { id name email capacityPerDay removedAt }
  boards { id name }
  sprints { id name state }
  activeSprint { id }`;

describe('teams and members over GraphQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates a team with the default working days and reads it by id and by key', async () => {
    const created = await t.ok(
      `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { ${TEAM_FIELDS} } }`,
      { input: { key: 'SRE', name: '  Site Reliability  ' } },
    );
    expect(created.createTeam).toMatchObject({
      key: 'SRE',
      name: 'Site Reliability',
      workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
      members: [],
      boards: [],
      sprints: [],
      activeSprint: null,
    });
    const id = created.createTeam.id as string;

    const byId = await t.ok(`query ($id: ID!) { team(id: $id) { id key name } }`, { id });
    expect(byId.team).toEqual({ id, key: 'SRE', name: 'Site Reliability' });
    const byKey = await t.ok(`query { team(key: "sre") { id } }`);
    expect(byKey.team.id).toBe(id);
    const both = await t.ok(`query ($id: ID!) { team(id: $id, key: "SRE") { id } }`, { id });
    expect(both.team.id).toBe(id);

    expectCode(
      await t.gql(`query ($id: ID!) { team(id: $id, key: "OPS") { id } }`, { id }),
      'NOT_FOUND',
    );
    expectCode(await t.gql(`query { team(key: "NOPE") { id } }`), 'NOT_FOUND');
    expectBadInput(await t.gql(`query { team { id } }`), 'id');
  });

  it('creates a team with custom working days and refuses a taken key', async () => {
    const data = await t.ok(
      `mutation { createTeam(input: { key: "OPS7", name: "Ops", workingDays: [SUN, MON, TUE, WED] }) { key workingDays } }`,
    );
    expect(data.createTeam).toEqual({ key: 'OPS7', workingDays: ['SUN', 'MON', 'TUE', 'WED'] });

    const taken = await t.gql(
      `mutation { createTeam(input: { key: "OPS7", name: "Other" }) { id } }`,
    );
    const error = expectCode(taken, 'CONFLICT');
    expect(error.extensions.field).toBe('input.key');
    expect(await t.prisma.team.count({ where: { key: 'OPS7' } })).toBe(1);
  });

  it('lists all teams by key', async () => {
    await createTeam(t, { key: 'ZED' });
    await createTeam(t, { key: 'ABC' });
    const data = await t.ok<{ teams: { key: string }[] }>(`query { teams { key } }`);
    const keys = data.teams.map((team) => team.key);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toEqual(expect.arrayContaining(['ABC', 'ZED']));
    expect(keys).toHaveLength(await t.prisma.team.count());
  });

  it('updates a team name and working days, leaving omitted fields alone', async () => {
    const team = await createTeam(t);
    const renamed = await t.ok(
      `mutation ($id: ID!) { updateTeam(id: $id, input: { name: "Platform" }) { name workingDays } }`,
      { id: team.id },
    );
    expect(renamed.updateTeam).toEqual({
      name: 'Platform',
      workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
    });
    const days = await t.ok(
      `mutation ($id: ID!) { updateTeam(id: $id, input: { workingDays: [MON, TUE, WED, THU] }) { name workingDays } }`,
      { id: team.id },
    );
    expect(days.updateTeam).toEqual({
      name: 'Platform',
      workingDays: ['MON', 'TUE', 'WED', 'THU'],
    });
    const row = await t.prisma.team.findUniqueOrThrow({ where: { id: team.id } });
    expect(row.workingDays).toEqual(['MON', 'TUE', 'WED', 'THU']);

    expectCode(
      await t.gql(
        `mutation { updateTeam(id: "0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10", input: { name: "X" }) { id } }`,
      ),
      'NOT_FOUND',
    );
  });

  it('adds, updates and removes members; removed members leave the team but keep their rows', async () => {
    const team = await createTeam(t);
    const added = await t.ok(
      `mutation ($input: AddMemberInput!) { addMember(input: $input) { id name email capacityPerDay removedAt team { id } } }`,
      { input: { teamId: team.id, name: 'Ana', email: 'ana@example.com', capacityPerDay: 2.5 } },
    );
    expect(added.addMember).toMatchObject({
      name: 'Ana',
      email: 'ana@example.com',
      capacityPerDay: 2.5,
      removedAt: null,
      team: { id: team.id },
    });
    const ana = added.addMember.id as string;
    const ben = (await addMember(t, team.id, { name: 'Ben' })).id;

    const updated = await t.ok(
      `mutation ($id: ID!) { updateMember(id: $id, input: { name: "Ana B", capacityPerDay: 3 }) { name email capacityPerDay } }`,
      { id: ana },
    );
    expect(updated.updateMember).toEqual({
      name: 'Ana B',
      email: 'ana@example.com',
      capacityPerDay: 3,
    });
    const cleared = await t.ok(
      `mutation ($id: ID!) { updateMember(id: $id, input: { email: null }) { name email capacityPerDay } }`,
      { id: ana },
    );
    expect(cleared.updateMember).toEqual({ name: 'Ana B', email: null, capacityPerDay: 3 });

    const removed = await t.ok(`mutation ($id: ID!) { removeMember(id: $id) { id removedAt } }`, {
      id: ben,
    });
    expect(removed.removeMember.removedAt).not.toBeNull();
    const read = await t.ok(`query ($id: ID!) { team(id: $id) { members { id name } } }`, {
      id: team.id,
    });
    expect(read.team.members).toEqual([{ id: ana, name: 'Ana B' }]);
    expect(await t.prisma.member.findUnique({ where: { id: ben } })).toMatchObject({
      removedAt: expect.any(Date),
    });

    expectCode(
      await t.gql(`mutation ($id: ID!) { removeMember(id: $id) { id } }`, { id: ben }),
      'CONFLICT',
    );
    expectCode(
      await t.gql(`mutation ($id: ID!) { updateMember(id: $id, input: { name: "Back" }) { id } }`, {
        id: ben,
      }),
      'NOT_FOUND',
    );
    expectCode(
      await t.gql(`mutation ($input: AddMemberInput!) { addMember(input: $input) { id } }`, {
        input: {
          teamId: '0b7e3c39-7d7e-4b0c-9d7e-6b3f1d5c2a10',
          name: 'Nobody',
          capacityPerDay: 1,
        },
      }),
      'NOT_FOUND',
    );
    // A removed member can no longer be given work.
    expectBadInput(
      await t.gql(`mutation ($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
        input: { teamId: team.id, title: 'For Ben', assigneeId: ben },
      }),
      'input.assigneeId',
    );
  });

  it('resolves members, boards, sprints and the active sprint of a team', async () => {
    const team = await createTeam(t);
    const m1 = await addMember(t, team.id, { name: 'First' });
    const m2 = await addMember(t, team.id, { name: 'Second' });
    const b1 = await createBoard(t, team.id, { name: 'Main' });
    const b2 = await createBoard(t, team.id, { name: 'Ops' });
    const older = await createSprint(t, team.id, {
      startDate: '2030-01-07',
      endDate: '2030-01-18',
    });
    const newer = await createSprint(t, team.id, {
      startDate: '2030-01-21',
      endDate: '2030-02-01',
    });
    await startSprint(t, older.id);

    const data = await t.ok(`query ($id: ID!) { team(id: $id) { ${TEAM_FIELDS} } }`, {
      id: team.id,
    });
    expect(data.team.members.map((m: { id: string }) => m.id)).toEqual([m1.id, m2.id]);
    expect(data.team.boards).toEqual([
      { id: b1.id, name: 'Main' },
      { id: b2.id, name: 'Ops' },
    ]);
    expect(data.team.sprints.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([
      [newer.id, 'PLANNED'],
      [older.id, 'ACTIVE'],
    ]);
    expect(data.team.activeSprint).toEqual({ id: older.id });
  });
});
