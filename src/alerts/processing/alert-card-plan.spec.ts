import {
  columnOf,
  doneTask,
  integrationOf,
  minutesAgo,
  NOW,
  sprintOf,
} from '../../../test/helpers/processing-builders';
import {
  arrivalGroups,
  arrivalsOf,
  type CardWork,
  createdCards,
  lockTargetsOf,
  movesCards,
  type NewAlertCard,
  overfull,
  reopenedCard,
  resolvedMove,
  touchEvents,
} from './alert-card-plan';

function newCard(alertId: string, overrides: Partial<NewAlertCard> = {}): NewAlertCard {
  return {
    alertId,
    fields: {
      title: `Alert ${alertId}`,
      description: '',
      type: 'PRODUCTION_CHANGE',
      priority: 'MEDIUM',
      estimate: 1,
      labels: [],
    },
    columnId: 'col-triage',
    relatedTaskId: null,
    note: 'opened by Prod Alertmanager',
    ...overrides,
  };
}

function work(overrides: Partial<CardWork> = {}): CardWork {
  return {
    teamId: 'team-1',
    teamKey: 'OPS',
    integration: integrationOf(),
    entryColumnId: 'col-triage',
    creates: [],
    reopens: [],
    touches: [],
    resolves: [],
    now: NOW,
    ...overrides,
  };
}

const urgent = (card: NewAlertCard): NewAlertCard => ({
  ...card,
  fields: { ...card.fields, priority: 'URGENT' },
});

describe('lockTargetsOf and movesCards', () => {
  it('locks the new cards’ columns, sorted, and nothing when only touching', () => {
    const w = work({ creates: [newCard('a', { columnId: 'col-z' }), newCard('b')] });
    expect(lockTargetsOf(w, false)).toEqual(['col-triage', 'col-z']);
    expect(movesCards(w)).toBe(true);
    expect(lockTargetsOf(work(), false)).toEqual([]);
    expect(movesCards(work())).toBe(false);
  });

  it('locks the entry column for reopened cards and the resolve column for unstarted resolves', () => {
    const w = work({
      integration: integrationOf({ resolveColumnId: 'col-done' }),
      resolves: [{ taskId: 't', moveIfUnstarted: true, endsAt: NOW }],
    });
    expect(lockTargetsOf(w, true)).toEqual(['col-done', 'col-triage']);
    expect(
      lockTargetsOf({ ...w, resolves: [{ ...w.resolves[0]!, moveIfUnstarted: false }] }, false),
    ).toEqual([]);
  });
});

describe('arrivalsOf', () => {
  const triage = columnOf('col-triage');

  it('lists new cards per locked column, then reopened cards in the entry column', () => {
    const w = work({ creates: [newCard('a'), newCard('b', { columnId: 'col-gone' })] });
    const reopened = [doneTask('t-1', { priority: 'HIGH' })];
    const arrivals = arrivalsOf(w, ['n-a', 'n-b'], new Map([['col-triage', triage]]), reopened);
    expect(arrivals).toEqual(
      new Map([
        [
          'col-triage',
          [
            { id: 'n-a', priority: 'MEDIUM' },
            { id: 't-1', priority: 'HIGH' },
          ],
        ],
      ]),
    );
  });

  it('keeps the locked entry column even with nothing arriving in it', () => {
    expect(arrivalsOf(work(), [], new Map([['col-triage', triage]]), [])).toEqual(
      new Map([['col-triage', []]]),
    );
  });
});

describe('arrivalGroups', () => {
  const tops = [
    { id: 'low-1', rank: 'p', priority: 'LOW' as const },
    { id: 'med-1', rank: 'k', priority: 'MEDIUM' as const },
  ];

  it('places each arrival above the first card of lower priority, most urgent first', () => {
    const groups = arrivalGroups(tops, [
      { id: 'n-low', priority: 'LOW' },
      { id: 'n-high', priority: 'HIGH' },
      { id: 'n-med', priority: 'MEDIUM' },
    ]);
    expect(groups).toEqual([
      {
        anchor: { id: 'med-1', rank: 'k', priority: 'MEDIUM' },
        items: [{ id: 'n-high', priority: 'HIGH' }],
      },
      {
        anchor: { id: 'low-1', rank: 'p', priority: 'LOW' },
        items: [{ id: 'n-med', priority: 'MEDIUM' }],
      },
      { anchor: null, items: [{ id: 'n-low', priority: 'LOW' }] },
    ]);
  });

  it('never anchors on a card that is itself arriving (a reopened card)', () => {
    const groups = arrivalGroups(tops, [
      { id: 'low-1', priority: 'LOW' },
      { id: 'n-med', priority: 'MEDIUM' },
    ]);
    expect(groups.map((g) => [g.anchor?.id ?? null, g.items.map((i) => i.id)])).toEqual([
      [null, ['n-med', 'low-1']],
    ]);
  });
});

describe('createdCards', () => {
  it('numbers the cards in order, ranks them in their column, puts them in the sprint', () => {
    const triage = columnOf('col-triage', { category: 'TRIAGE' });
    const w = work({ creates: [newCard('a'), urgent(newCard('b', { columnId: null }))] });
    const { rows, events } = createdCards(w, {
      newIds: ['n-a', 'n-b'],
      first: 41,
      locked: new Map([['col-triage', triage]]),
      ranks: new Map([['n-a', 'h']]),
      sprint: sprintOf('sprint-1'),
    });
    expect(rows.map((r) => [r.id, r.key, r.columnId, r.rank, r.priority, r.sprintId])).toEqual([
      ['n-a', 'OPS-41', 'col-triage', 'h', 'MEDIUM', 'sprint-1'],
      ['n-b', 'OPS-42', null, '', 'URGENT', 'sprint-1'],
    ]);
    expect(rows[0]).toEqual(
      expect.objectContaining({ source: 'ALERT', planned: false, addedToSprintAt: NOW }),
    );
    expect(events[0]).toEqual({
      taskId: 'n-a',
      teamId: 'team-1',
      kind: 'CREATED',
      actor: 'alerts',
      at: NOW,
      to: { columnId: 'col-triage', category: 'TRIAGE', sprintId: 'sprint-1', estimate: 1 },
      note: 'opened by Prod Alertmanager',
    });
  });

  it('starts a card created straight into an in-progress column', () => {
    const doing = columnOf('col-doing', { category: 'IN_PROGRESS' });
    const w = work({ creates: [newCard('a', { columnId: 'col-doing' })] });
    const { rows } = createdCards(w, {
      newIds: ['n-a'],
      first: 1,
      locked: new Map([['col-doing', doing]]),
      ranks: new Map([['n-a', 'h']]),
      sprint: null,
    });
    expect(rows[0]).toEqual(
      expect.objectContaining({
        startedAt: NOW,
        completedAt: null,
        sprintId: null,
        addedToSprintAt: null,
      }),
    );
  });
});

describe('reopenedCard', () => {
  const triage = columnOf('col-triage', { category: 'TRIAGE' });

  it('returns the card to the entry column, open again, and into the active sprint', () => {
    const task = doneTask('t-1', { reopenCount: 1 });
    const { changes, event } = reopenedCard(work(), task, {
      column: triage,
      ranks: new Map([['t-1', 'c']]),
      sprint: sprintOf('sprint-1'),
    });
    expect(changes).toEqual({
      columnId: 'col-triage',
      rank: 'c',
      startedAt: minutesAgo(90),
      completedAt: null,
      resolution: null,
      reopenCount: 2,
      sprintId: 'sprint-1',
      planned: false,
      addedToSprintAt: NOW,
    });
    expect(event).toEqual(
      expect.objectContaining({
        kind: 'REOPENED',
        from: { columnId: 'col-done', completedAt: minutesAgo(60).toISOString() },
        to: { columnId: 'col-triage', category: 'TRIAGE' },
      }),
    );
  });

  it('leaves the column and a sprint the card is already in alone', () => {
    const task = doneTask('t-1', { sprintId: 'sprint-1' });
    const { changes, event } = reopenedCard(work(), task, {
      column: null,
      ranks: new Map(),
      sprint: sprintOf('sprint-1'),
    });
    expect(changes).toEqual({
      startedAt: minutesAgo(90),
      completedAt: null,
      resolution: null,
      reopenCount: 1,
    });
    expect(event.to).toEqual({ columnId: 'col-done', category: null });
  });
});

describe('touchEvents', () => {
  it('records a raised priority, a new firing and an acknowledgement, in that order', () => {
    const events = touchEvents(work(), {
      taskId: 't-1',
      raisePriority: 'URGENT',
      refired: true,
      acknowledged: true,
    });
    expect(events.map((e) => [e.kind, e.to ?? null, e.note])).toEqual([
      ['PRIORITY_RAISED', 'URGENT', 'alert severity rose'],
      ['ALERT_FIRED', null, 'the alert fired again'],
      ['ALERT_ACKNOWLEDGED', null, 'acknowledged at the source'],
    ]);
  });

  it('records nothing for a plain repeat', () => {
    const touch = { taskId: 't-1', raisePriority: null, refired: false, acknowledged: false };
    expect(touchEvents(work(), touch)).toEqual([]);
  });
});

describe('resolvedMove', () => {
  it('moves the card to the resolve column and records the move', () => {
    const done = columnOf('col-done', { name: 'Done', category: 'DONE' });
    const task = doneTask('t-1', { columnId: 'col-triage', startedAt: null, completedAt: null });
    const { changes, event } = resolvedMove(work(), task, done, 'r');
    expect(changes).toEqual({ columnId: 'col-done', rank: 'r', startedAt: null, completedAt: NOW });
    expect(event).toEqual(
      expect.objectContaining({
        kind: 'MOVED',
        from: { columnId: 'col-triage' },
        to: { columnId: 'col-done', column: 'Done', category: 'DONE' },
        note: 'alert resolved before work started',
      }),
    );
  });
});

describe('overfull', () => {
  it('reports a column over its WIP limit, not one at it or without one', () => {
    const limited = columnOf('col-triage', { name: 'Triage', wipLimit: 2 });
    expect(overfull(limited, 3)).toEqual({
      columnId: 'col-triage',
      name: 'Triage',
      wipLimit: 2,
      cards: 3,
    });
    expect(overfull(limited, 2)).toBeNull();
    expect(overfull(columnOf('col-x'), 99)).toBeNull();
  });
});
