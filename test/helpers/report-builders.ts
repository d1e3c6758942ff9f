/**
 * Builders and readers for the reserve and report e2e specs. Writes go through the public API
 * like a client; history (sprints in the past, work added or finished on given days) is made by
 * writing through the API first and then moving the recorded timestamps back in the database:
 * only the functions named `backdate*` touch rows directly.
 */
import {
  addMember,
  createSprint,
  createTask,
  moveTask,
  startSprint,
  type BoardRef,
} from './factories';
import { closeSprint } from './planning-factories';
import type { CapacityReportData } from '../../src/reports/capacity-report.types';
import type { TestApp } from './test-app';

// --- readers ------------------------------------------------------------------------------------

export const BASIS_FIELDS = `
  mode value capacityPoints workingDays percentile lookbackSprints perDay rawPoints clamped fallback override
  samples { sprintId name unplannedProductionPoints workingDays perDay }
`;

export const REPORT_FIELDS = `
  sprintId sprintName teamId state generatedAt snapshot startDate endDate workingDays focusFactor capacityPoints
  members { memberId name capacityPerDay daysOff availableDays capacityPoints assignedPoints completedPoints }
  reservedPoints reserveBasis { ${BASIS_FIELDS} } plannablePoints committedPoints scopePoints
  addedScopeCount addedScopePoints completedCount completedPoints
  unplannedProduction {
    count points
    bySeverity { severity count points }
    bySource { integrationId integrationName kind count points }
  }
  reserveUsedPoints reserveRemainingPoints reserveOverflowPoints reserveUsedPercent
  reserveEvents { threshold at taskId usedPoints reservedPoints }
  sla { breaches atRiskCards atRiskReservePoints }
  burndown { date remainingPoints idealPoints unplannedAddedPoints }
  flags
`;

export interface ReserveBasisView {
  mode: string;
  value: number | null;
  capacityPoints: number;
  workingDays: number;
  percentile: number | null;
  lookbackSprints: number | null;
  perDay: number | null;
  rawPoints: number;
  clamped: string | null;
  fallback: boolean;
  override: boolean;
  samples: {
    sprintId: string;
    name: string;
    unplannedProductionPoints: number;
    workingDays: number;
    perDay: number;
  }[];
}

export interface MemberLoadView {
  memberId: string;
  name: string;
  capacityPerDay: number;
  daysOff: number;
  availableDays: number;
  capacityPoints: number;
  assignedPoints: number;
  completedPoints: number;
}

export interface BurndownView {
  date: string;
  remainingPoints: number;
  idealPoints: number;
  unplannedAddedPoints: number;
}

export interface ReserveEventView {
  threshold: number;
  at: string;
  taskId: string | null;
  usedPoints: number;
  reservedPoints: number;
}

export interface CapacityReportView {
  sprintId: string;
  sprintName: string;
  teamId: string;
  state: string;
  generatedAt: string;
  snapshot: boolean;
  startDate: string;
  endDate: string;
  workingDays: number;
  focusFactor: number;
  capacityPoints: number;
  members: MemberLoadView[];
  reservedPoints: number;
  reserveBasis: ReserveBasisView;
  plannablePoints: number;
  committedPoints: number;
  scopePoints: number;
  addedScopeCount: number;
  addedScopePoints: number;
  completedCount: number;
  completedPoints: number;
  unplannedProduction: {
    count: number;
    points: number;
    bySeverity: { severity: string | null; count: number; points: number }[];
    bySource: {
      integrationId: string | null;
      integrationName: string | null;
      kind: string | null;
      count: number;
      points: number;
    }[];
  };
  reserveUsedPoints: number;
  reserveRemainingPoints: number;
  reserveOverflowPoints: number;
  reserveUsedPercent: number | null;
  reserveEvents: ReserveEventView[];
  burndown: BurndownView[];
  flags: string[];
}

export async function capacityReport(t: TestApp, sprintId: string): Promise<CapacityReportView> {
  const data = await t.ok<{ sprintCapacityReport: CapacityReportView }>(
    `query ($id: ID!) { sprintCapacityReport(sprintId: $id) { ${REPORT_FIELDS} } }`,
    { id: sprintId },
  );
  return data.sprintCapacityReport;
}

export interface SprintReserveView {
  state: string;
  workingDays: number;
  capacityPoints: number;
  reservedPoints: number;
  plannablePoints: number;
  committedPoints: number;
  reserveOverride: boolean;
  reserveBasis: ReserveBasisView;
  reserveEvents: ReserveEventView[];
}

/** A sprint's capacity, reserve, how it was sized and its crossing events, as the API shows them. */
export async function sprintReserve(t: TestApp, sprintId: string): Promise<SprintReserveView> {
  const data = await t.ok<{ sprint: SprintReserveView }>(
    `query ($id: ID!) {
      sprint(id: $id) {
        state workingDays capacityPoints reservedPoints plannablePoints committedPoints reserveOverride
        reserveBasis { ${BASIS_FIELDS} }
        reserveEvents { threshold at taskId usedPoints reservedPoints }
      }
    }`,
    { id: sprintId },
  );
  return data.sprint;
}

// --- writers through the API --------------------------------------------------------------------

/** Members with these points per day, in order. */
export async function addMembers(
  t: TestApp,
  teamId: string,
  capacities: number[],
): Promise<{ id: string }[]> {
  const members: { id: string }[] = [];
  for (const capacityPerDay of capacities)
    members.push(await addMember(t, teamId, { capacityPerDay }));
  return members;
}

export interface ReservePolicyInput {
  mode: 'FIXED_POINTS' | 'PERCENT_OF_CAPACITY' | 'HISTORICAL';
  value?: number | null;
  lookbackSprints?: number | null;
  percentile?: number | null;
  minPercent?: number | null;
  maxPercent?: number | null;
  fallbackPercent?: number | null;
}

export async function setReservePolicy(
  t: TestApp,
  teamId: string,
  reservePolicy: ReservePolicyInput,
): Promise<Record<string, unknown>> {
  const data = await t.ok<{ updateTeam: { reservePolicy: Record<string, unknown> } }>(
    `mutation ($id: ID!, $input: UpdateTeamInput!) {
      updateTeam(id: $id, input: $input) {
        reservePolicy { mode value lookbackSprints percentile minPercent maxPercent fallbackPercent }
      }
    }`,
    { id: teamId, input: { reservePolicy } },
  );
  return data.updateTeam.reservePolicy;
}

/** Default points of alert cards by severity (`{ CRITICAL: 5 }`); returns every severity's points. */
export async function setAlertEstimates(
  t: TestApp,
  teamId: string,
  estimates: Record<string, number>,
): Promise<Record<string, number>> {
  const data = await t.ok<{
    updateAlertSettings: { alertSettings: { estimates: { severity: string; points: number }[] } };
  }>(
    `mutation ($input: UpdateAlertSettingsInput!) {
      updateAlertSettings(input: $input) { alertSettings { estimates { severity points } } }
    }`,
    {
      input: {
        teamId,
        estimates: Object.entries(estimates).map(([severity, points]) => ({ severity, points })),
      },
    },
  );
  return Object.fromEntries(
    data.updateAlertSettings.alertSettings.estimates.map((e) => [e.severity, e.points]),
  );
}

export async function setSprintReserve(
  t: TestApp,
  sprintId: string,
  points: number,
): Promise<void> {
  await t.ok(
    `mutation ($id: ID!, $points: Float!) { setSprintReserve(sprintId: $id, points: $points) { id } }`,
    {
      id: sprintId,
      points,
    },
  );
}

export async function updateTask(
  t: TestApp,
  id: string,
  input: Record<string, unknown>,
): Promise<void> {
  await t.ok(
    `mutation ($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }`,
    {
      id,
      input,
    },
  );
}

export async function deleteTask(t: TestApp, id: string): Promise<void> {
  await t.ok(`mutation ($id: ID!) { deleteTask(id: $id) }`, { id });
}

export async function unplanTasks(t: TestApp, sprintId: string, taskIds: string[]): Promise<void> {
  await t.ok(`mutation ($input: UnplanTasksInput!) { unplanTasks(input: $input) { id } }`, {
    input: { sprintId, taskIds },
  });
}

export async function updateSprint(
  t: TestApp,
  id: string,
  input: Record<string, unknown>,
): Promise<void> {
  await t.ok(
    `mutation ($id: ID!, $input: UpdateSprintInput!) { updateSprint(id: $id, input: $input) { id } }`,
    {
      id,
      input,
    },
  );
}

/** Closes and fails the test on any error. */
export async function closeSprintOk(
  t: TestApp,
  id: string,
  carryOverToSprintId?: string,
): Promise<void> {
  const res = await closeSprint(t, id, carryOverToSprintId);
  if (res.errors?.length) throw new Error(`closeSprint failed: ${JSON.stringify(res.errors)}`);
}

// --- time travel: rows moved back in the database after an API write ----------------------------

/** `2030-01-07` + `T10:00` → a Date at that UTC time. */
export const at = (day: string, time = '10:00'): Date => new Date(`${day}T${time}:00.000Z`);

/** The sprint "started" at the given moment (instead of when startSprint ran). */
export async function backdateSprintStart(
  t: TestApp,
  sprintId: string,
  startedAt: Date,
): Promise<void> {
  await t.prisma.sprint.update({ where: { id: sprintId }, data: { startedAt } });
}

/**
 * Moves a task's timestamps back: the given fields are set, and with `events` the task's last
 * `events` history entries are dated `events.at` (so history replays see the same day).
 */
export async function backdateTask(
  t: TestApp,
  taskId: string,
  fields: {
    createdAt?: Date;
    addedToSprintAt?: Date;
    startedAt?: Date;
    completedAt?: Date;
    deletedAt?: Date;
  },
  events?: { count: number; at: Date },
): Promise<void> {
  await t.prisma.task.update({ where: { id: taskId }, data: fields });
  if (events) {
    const last = await t.prisma.taskEvent.findMany({
      where: { taskId },
      orderBy: { seq: 'desc' },
      take: events.count,
      select: { id: true },
    });
    await t.prisma.taskEvent.updateMany({
      where: { id: { in: last.map((e) => e.id) } },
      data: { at: events.at },
    });
  }
}

/** Every history entry of a task dated `at` (for tasks whose whole life is on one day). */
export async function backdateAllEvents(t: TestApp, taskId: string, when: Date): Promise<void> {
  await t.prisma.taskEvent.updateMany({ where: { taskId }, data: { at: when } });
}

/** Creates a task through the API as if on `when`: created, added to its sprint and its CREATED entry. */
export async function createTaskAt(
  t: TestApp,
  teamId: string,
  when: Date,
  input: Record<string, unknown>,
): Promise<{ id: string; key: string }> {
  const task = await createTask(t, teamId, input);
  await backdateTask(
    t,
    task.id,
    { createdAt: when, ...(input.sprintId ? { addedToSprintAt: when } : {}) },
    { count: 1, at: when },
  );
  return task;
}

/**
 * Moves a card through the API as if on `when`: its MOVED entry, and the startedAt/completedAt
 * the move set, are dated `when`.
 */
export async function moveTaskAt(
  t: TestApp,
  taskId: string,
  column: { id: string; category: string },
  when: Date,
): Promise<void> {
  const before = await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
  await moveTask(t, { taskId, columnId: column.id, force: true });
  const fields: { startedAt?: Date; completedAt?: Date } = {};
  if (column.category === 'IN_PROGRESS' && before.startedAt === null) fields.startedAt = when;
  if (column.category === 'DONE' && before.completedAt === null) fields.completedAt = when;
  await backdateTask(t, taskId, fields, { count: 1, at: when });
}

// --- a sprint in the past -----------------------------------------------------------------------

export interface PastTask {
  estimate: number | null;
  type?: string;
  assigneeId?: string;
  /** Day it was added (unplanned work only; planned work was there before the start). */
  addedOn?: string;
  /** Day it was finished (moved to DONE), if it was. */
  doneOn?: string;
}

export interface PastSprint {
  id: string;
  planned: { id: string; key: string }[];
  unplanned: { id: string; key: string }[];
}

/**
 * A sprint of `startDate`..`endDate` run as if at the time: the planned tasks are in it before it
 * starts (at 08:00 on its first day), unplanned ones are added on `addedOn` at 10:00, work is done
 * on `doneOn` at 15:00. Closed (after its end) unless `close: false`; with `carryTo` its unfinished
 * work moves to that PLANNED sprint.
 */
export async function pastSprint(
  t: TestApp,
  team: { id: string; board: BoardRef },
  spec: {
    name?: string;
    startDate: string;
    endDate: string;
    focusFactor?: number;
    planned?: PastTask[];
    unplanned?: PastTask[];
    close?: boolean;
    carryTo?: string;
  },
): Promise<PastSprint> {
  const sprint = await createSprint(t, team.id, {
    startDate: spec.startDate,
    endDate: spec.endDate,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.focusFactor ? { focusFactor: spec.focusFactor } : {}),
  });
  const before = at(spec.startDate, '07:00');
  const planned: { id: string; key: string }[] = [];
  for (const task of spec.planned ?? []) {
    planned.push(
      await createTaskAt(t, team.id, before, {
        sprintId: sprint.id,
        estimate: task.estimate,
        type: task.type ?? 'FEATURE',
        assigneeId: task.assigneeId ?? null,
        force: true,
      }),
    );
  }
  await startSprint(t, sprint.id);
  await backdateSprintStart(t, sprint.id, at(spec.startDate, '08:00'));
  const unplanned: { id: string; key: string }[] = [];
  for (const task of spec.unplanned ?? []) {
    unplanned.push(
      await createTaskAt(t, team.id, at(task.addedOn ?? spec.startDate), {
        sprintId: sprint.id,
        estimate: task.estimate,
        type: task.type ?? 'PRODUCTION_CHANGE',
        assigneeId: task.assigneeId ?? null,
        force: true,
      }),
    );
  }
  const all = [...(spec.planned ?? []), ...(spec.unplanned ?? [])];
  const refs = [...planned, ...unplanned];
  for (let i = 0; i < all.length; i++) {
    const doneOn = all[i]?.doneOn;
    if (doneOn)
      await moveTaskAt(
        t,
        (refs[i] as { id: string }).id,
        team.board.column.DONE as never,
        at(doneOn, '15:00'),
      );
  }
  if (spec.close ?? true) await closeSprintOk(t, sprint.id, spec.carryTo);
  return { id: sprint.id, planned, unplanned };
}

/**
 * Dates the firing episodes of an alert, oldest first: episode i lasted `minutes[i]` (null: still
 * firing). Episodes start at the alert's `startsAt`; their end is otherwise when the resolve arrived.
 */
export async function backdateEpisodeEnds(
  t: TestApp,
  alertId: string,
  minutes: (number | null)[],
): Promise<void> {
  const episodes = await t.prisma.alertEpisode.findMany({
    where: { alertId },
    orderBy: { startedAt: 'asc' },
  });
  if (episodes.length !== minutes.length)
    throw new Error(`Alert ${alertId} has ${episodes.length} episodes, not ${minutes.length}`);
  for (const [i, episode] of episodes.entries()) {
    const length = minutes[i];
    await t.prisma.alertEpisode.update({
      where: { id: episode.id },
      data: {
        endedAt:
          length === null || length === undefined
            ? null
            : new Date(episode.startedAt.getTime() + length * 60_000),
      },
    });
  }
}

// --- file readers: strict parsers for what the report files must be -----------------------------

/** Parses RFC 4180 CSV (CRLF records, quoted fields with "" escapes); throws on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('CSV: unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`CSV: quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      if (i === text.length) return rows;
      continue;
    }
    if (i >= text.length) {
      rows.push(row);
      return rows;
    }
    throw new Error(`CSV: unexpected ${JSON.stringify(text[i])} at ${i} (records end with CRLF)`);
  }
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function decodeXml(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`XML: "<" in character data near ${at}`);
  return raw.replace(/&([^;&\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new Error(`XML: unterminated entity near ${at}`);
    if (name in ENTITIES) return ENTITIES[name] as string;
    const code = /^#x([0-9a-fA-F]+)$/.exec(name)?.[1] ?? /^#([0-9]+)$/.exec(name)?.[1];
    if (!code) throw new Error(`XML: unknown entity &${name}; near ${at}`);
    return String.fromCodePoint(parseInt(code, name.startsWith('#x') ? 16 : 10));
  });
}

/** Parses a well-formed XML document into elements; throws where it is not well-formed. */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const name = (): string => {
    const match = /^[A-Za-z_:][\w:.-]*/.exec(source.slice(i));
    if (!match) throw new Error(`XML: expected a name at ${i}`);
    i += match[0].length;
    return match[0];
  };
  const space = (): void => {
    while (/\s/.test(source[i] ?? '')) i++;
  };
  const misc = (): void => {
    for (;;) {
      space();
      if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) throw new Error('XML: unterminated comment');
        i = end + 3;
      } else if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) throw new Error('XML: unterminated declaration');
        i = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') throw new Error(`XML: expected "<" at ${i}`);
    i++;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      space();
      if (source.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (i === before) throw new Error(`XML: expected whitespace before an attribute at ${i}`);
      const attribute = name();
      if (attribute in node.attributes) throw new Error(`XML: duplicate attribute ${attribute}`);
      space();
      if (source[i] !== '=') throw new Error(`XML: expected "=" at ${i}`);
      i++;
      space();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") throw new Error(`XML: unquoted attribute at ${i}`);
      const end = source.indexOf(quote, i + 1);
      if (end < 0) throw new Error('XML: unterminated attribute value');
      node.attributes[attribute] = decodeXml(source.slice(i + 1, end), i);
      i = end + 1;
    }
    for (;;) {
      if (i >= source.length) throw new Error(`XML: <${node.name}> is never closed`);
      if (source.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== node.name)
          throw new Error(`XML: </${closing}> closes <${node.name}> at ${i}`);
        space();
        if (source[i] !== '>') throw new Error(`XML: expected ">" at ${i}`);
        i++;
        return node;
      }
      if (source.startsWith('<!--', i)) {
        misc();
        continue;
      }
      if (source[i] === '<') {
        node.children.push(element());
        continue;
      }
      const end = source.indexOf('<', i);
      const stop = end < 0 ? source.length : end;
      node.text += decodeXml(source.slice(i, stop), i);
      i = stop;
    }
  };
  misc();
  const root = element();
  misc();
  if (i !== source.length) throw new Error(`XML: content after the root element at ${i}`);
  return root;
}

/** Every element under (and including) `root` that matches. */
export function findElements(
  root: XmlElement,
  match: (element: XmlElement) => boolean,
): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (element: XmlElement): void => {
    if (match(element)) found.push(element);
    element.children.forEach(walk);
  };
  walk(root);
  return found;
}

/** A polyline's points as [x, y] pairs. */
export function polylinePoints(element: XmlElement): [number, number][] {
  return (element.attributes.points ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
}

// --- a report for the file renderers' unit specs -------------------------------------------------

/**
 * A capacity report as the service builds it, for the file renderers' unit specs: a two-week
 * sprint (10 working days) with 10 points committed, half of it elapsed.
 */
export function sampleReport(overrides: Partial<CapacityReportData> = {}): CapacityReportData {
  const workingDates = [
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
    '2026-10-08',
    '2026-10-09',
    '2026-10-12',
    '2026-10-13',
    '2026-10-14',
    '2026-10-15',
    '2026-10-16',
  ];
  return {
    sprintId: '11111111-1111-4111-8111-111111111111',
    sprintName: 'Sprint 42',
    teamId: '22222222-2222-4222-8222-222222222222',
    state: 'ACTIVE',
    generatedAt: '2026-10-09T18:00:00.000Z',
    snapshot: false,
    startDate: '2026-10-05',
    endDate: '2026-10-16',
    workingDays: 10,
    workingDates,
    focusFactor: 0.9,
    capacityPoints: 18,
    members: [
      {
        memberId: '33333333-3333-4333-8333-333333333333',
        name: 'Ana',
        capacityPerDay: 2,
        daysOff: 1,
        availableDays: 9,
        capacityPoints: 16.2,
        assignedPoints: 8,
        completedPoints: 5,
      },
    ],
    reservedPoints: 3.6,
    reserveBasis: {
      mode: 'PERCENT_OF_CAPACITY',
      value: 20,
      capacityPoints: 18,
      workingDays: 10,
      percentile: null,
      lookbackSprints: null,
      samples: [],
      perDay: null,
      rawPoints: 3.6,
      clamped: null,
      fallback: false,
      override: false,
    },
    plannablePoints: 14.4,
    committedPoints: 10,
    scopePoints: 14,
    addedScopeCount: 0,
    addedScopePoints: 0,
    completedCount: 2,
    completedPoints: 9,
    unplannedProduction: {
      count: 1,
      points: 4,
      bySeverity: [{ severity: 'CRITICAL', count: 1, points: 4 }],
      bySource: [
        {
          integrationId: '44444444-4444-4444-8444-444444444444',
          integrationName: 'Prometheus',
          kind: 'ALERTMANAGER',
          count: 1,
          points: 4,
        },
      ],
    },
    reserveUsedPoints: 4,
    reserveRemainingPoints: 0,
    reserveOverflowPoints: 0.4,
    reserveUsedPercent: 111.11,
    reserveEvents: [
      {
        threshold: 80,
        at: '2026-10-07T10:00:00.000Z',
        taskId: '55555555-5555-4555-8555-555555555555',
        usedPoints: 4,
        reservedPoints: 3.6,
      },
      {
        threshold: 100,
        at: '2026-10-07T10:00:00.000Z',
        taskId: '55555555-5555-4555-8555-555555555555',
        usedPoints: 4,
        reservedPoints: 3.6,
      },
    ],
    burndown: [
      { date: '2026-10-05', remainingPoints: 10, idealPoints: 9, unplannedAddedPoints: 0 },
      { date: '2026-10-06', remainingPoints: 5, idealPoints: 8, unplannedAddedPoints: 0 },
      { date: '2026-10-07', remainingPoints: 9, idealPoints: 7, unplannedAddedPoints: 4 },
      { date: '2026-10-08', remainingPoints: 9, idealPoints: 6, unplannedAddedPoints: 0 },
      { date: '2026-10-09', remainingPoints: 5, idealPoints: 5, unplannedAddedPoints: 0 },
    ],
    flags: ['RESERVE_EXHAUSTED'],
    ...overrides,
  };
}
