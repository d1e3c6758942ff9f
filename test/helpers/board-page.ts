/// <reference lib="dom" />
/**
 * Board-page tests: a team with members and a board filled through the API, the page opened
 * signed in, and the board as the API orders it (to check what the page did).
 */
import type { Locator, Page } from 'playwright-core';
import { addMember, createBoard, createTeam, type BoardRef, type TeamRef } from './factories';
import { columnCards } from './planning-factories';
import { signIn } from './browser';
import { eventually } from './eventually';
import { updateTask } from './planning-mutations';
import type { TestApp } from './test-app';

export interface SeededBoard {
  team: TeamRef;
  board: BoardRef;
  members: { id: string; name: string }[];
  /** Card keys per column category, in creation order. */
  keys: Record<string, string[]>;
}

/**
 * A team with two members and a board (Triage, To Do, In Progress, Review, Done) holding
 * `perColumn[category]` cards in each column.
 */
export async function seedBoard(
  t: TestApp,
  perColumn: Partial<Record<string, number>>,
  team: Record<string, unknown> = {},
): Promise<SeededBoard> {
  const created = await createTeam(t, team);
  const members = [];
  for (const name of ['Ana Lima', 'Ben Okafor'])
    members.push({ ...(await addMember(t, created.id, { name })), name });
  const board = await createBoard(t, created.id, { name: 'Operations' });
  const keys: Record<string, string[]> = {};
  for (const [category, count] of Object.entries(perColumn)) {
    const column = board.column[category];
    if (!column) throw new Error(`no ${category} column`);
    keys[category] = [];
    for (let i = 0; i < (count ?? 0); i++) {
      const data = await t.ok<{ createTask: { key: string } }>(
        `mutation ($input: CreateTaskInput!) { createTask(input: $input) { key } }`,
        {
          input: {
            teamId: created.id,
            boardId: board.id,
            columnId: column.id,
            title: `${column.name} card ${i + 1}`,
            estimate: [1, 2, 3, 5][i % 4],
            labels: [['backend'], ['frontend', 'api'], []][i % 3],
            assigneeId: members[i % 2]!.id,
            priority: ['HIGH', 'MEDIUM', 'LOW'][i % 3],
            force: true,
          },
        },
      );
      keys[category].push(data.createTask.key);
    }
  }
  return { team: created, board, members, keys };
}

/** Signs in and opens the board; resolves once `cards` cards are drawn. */
export async function openBoard(
  page: Page,
  baseUrl: string,
  token: string,
  seeded: SeededBoard,
  cards: number,
): Promise<void> {
  await signIn(page, baseUrl, token, `/teams/${seeded.team.key}/board/${seeded.board.id}`);
  if (cards > 0)
    await page
      .locator('[data-card-key]')
      .nth(cards - 1)
      .waitFor();
  else await page.locator('section[data-column-id]').first().waitFor();
}

export const column = (page: Page, name: string): Locator =>
  page.locator(`section[data-column-name="${name}"]`);

export const card = (page: Page, key: string): Locator => page.locator(`[data-card-key="${key}"]`);

/** Keys of a column's cards as the page draws them, top to bottom. */
export function drawnKeys(page: Page, name: string): Promise<string[]> {
  return column(page, name)
    .locator('[data-card-key]')
    .evaluateAll((elements) => elements.map((e) => (e as HTMLElement).dataset['cardKey']!));
}

/** Keys of a column's cards as the API orders them (rank). */
export async function storedKeys(
  t: TestApp,
  seeded: SeededBoard,
  category: string,
): Promise<string[]> {
  const cards = await columnCards(t, seeded.board.id, seeded.board.column[category]!.id);
  return cards.map((c) => c.key);
}

let liveCheck = 0;

/**
 * Waits until the pages hear the board's live events: renames one of its cards through the API
 * and waits for every page to show the new title (a subscription is not acknowledged by
 * graphql-ws, so this is how a test knows the page is listening).
 */
export async function waitUntilLive(t: TestApp, pages: Page[], cardKey: string): Promise<void> {
  const { task } = await t.ok<{ task: { id: string; title: string } }>(
    `query ($k: String!) { task(key: $k) { id title } }`,
    { k: cardKey },
  );
  await eventually(
    async () => {
      const title = `${task.title.replace(/ \(live \d+\)$/, '')} (live ${++liveCheck})`;
      await updateTask(t, task.id, { title });
      const seen = await Promise.all(
        pages.map((page) =>
          card(page, cardKey)
            .getByText(title)
            .waitFor({ timeout: 1000 })
            .then(
              () => true,
              () => false,
            ),
        ),
      );
      return seen.every(Boolean);
    },
    { timeoutMs: 15_000, intervalMs: 0, message: 'the pages hearing the board’s events' },
  );
}
