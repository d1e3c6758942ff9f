import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { MAX_COMMITS, type DeploymentCommitInput, type NormalizedPush } from './parsers';

/** Most pushes one walk (back from a deployment, or ahead from a push) goes through. */
export const MAX_WALKED_PUSHES = 1000;
/** Most deployments one push makes Loopboard work out again. */
export const MAX_REFRESHED_DEPLOYMENTS = 100;

/** What the pushes say a deployment brought. */
export interface InferredCommits {
  /** False when no stored push has the deployment's sha: nothing can be said yet. */
  known: boolean;
  /** Oldest first, the newest MAX_COMMITS. */
  commits: DeploymentCommitInput[];
}

/** The forge's pushes of a team's repositories, and the walks over them. */
@Injectable()
export class PushesRepository {
  /**
   * Serializes, across replicas, the transactions that store pushes of a repository or work out
   * commits from them: otherwise a push and a deployment committed side by side could each miss
   * the other. Taken before any deployment row lock (the processor takes them all first, sorted).
   */
  async lockRepository(tx: PrismaTx, teamId: string, repository: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${teamId}/${repository}`}, 7320))`;
  }

  /**
   * Stores a push with its commits unless the team has it already (a redelivery, a replay, a
   * second hook on the repository). Its id, and whether this call stored it.
   */
  async insertIfNew(
    tx: PrismaTx,
    ctx: { teamId: string; integrationId: string },
    push: NormalizedPush,
  ): Promise<{ id: string; created: boolean }> {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO forge_pushes (id, team_id, integration_id, repository, ref, before_sha, after_sha, forced, pushed_at)
      VALUES (gen_random_uuid(), ${ctx.teamId}::uuid, ${ctx.integrationId}::uuid, ${push.repository}, ${push.ref},
        ${push.beforeSha}, ${push.afterSha}, ${push.forced}, ${push.pushedAt}::timestamptz)
      ON CONFLICT (team_id, repository, ref, before_sha, after_sha) DO NOTHING
      RETURNING id`;
    const id = inserted[0]?.id;
    if (id === undefined) {
      const [existing] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM forge_pushes
        WHERE team_id = ${ctx.teamId}::uuid AND repository = ${push.repository} AND ref = ${push.ref}
          AND before_sha = ${push.beforeSha} AND after_sha = ${push.afterSha}`;
      if (!existing) throw new Error(`Push ${push.afterSha} of ${push.repository} is gone`);
      return { id: existing.id, created: false };
    }
    const commits = push.commits;
    if (commits.length > 0)
      await tx.$executeRaw`
        INSERT INTO forge_push_commits (push_id, position, sha, message, authored_at)
        SELECT ${id}::uuid, v.ordinality - 1, v.sha, v.message, v.authored_at
        FROM unnest(${commits.map((c) => c.sha)}::text[], ${commits.map((c) => c.message)}::text[],
          ${commits.map((c) => c.authoredAt)}::timestamptz[]) WITH ORDINALITY AS v(sha, message, authored_at, ordinality)`;
    return { id, created: true };
  }

  /**
   * The commits a deployment brought, by the pushes: from the push that ends at its sha (or
   * holds it: that push's commits up to it), back through each push's before to the push that
   * ended there, and so on. The walk stops, exclusive, at a sha an earlier successful deployment
   * of the same service and environment had (as a before, an after or inside a push: only the
   * commits after it count), and at a forced push, a created branch (before all zeros), a
   * before no stored push ends at, MAX_COMMITS commits or MAX_WALKED_PUSHES pushes. Where
   * several pushes qualify, the one that ends at the sha wins, then the same ref (the
   * deployment's, then the push's), then one that did not create a branch, then the earliest, so that the answer depends only on what is stored, not on arrival order.
   */
  async inferCommits(tx: PrismaTx, deploymentId: string): Promise<InferredCommits> {
    const [row] = await tx.$queryRaw<{ known: boolean; commits: string }[]>`
      WITH RECURSIVE
      dep AS (
        SELECT d.team_id, d.repository, d.commit_sha AS sha, d.service, d.environment, d.finished_at,
          'refs/heads/' || d.ref AS ref
        FROM deployments d
        WHERE d.id = ${deploymentId}::uuid AND d.repository IS NOT NULL AND d.commit_sha IS NOT NULL
          AND d.finished_at IS NOT NULL
      ),
      stops AS (
        SELECT DISTINCT p.commit_sha AS sha
        FROM deployments p JOIN dep ON p.team_id = dep.team_id AND p.service = dep.service
          AND p.environment = dep.environment
        WHERE p.status = 'SUCCESS' AND p.commit_sha IS NOT NULL AND p.finished_at < dep.finished_at
      ),
      start AS (
        SELECT s.id, s.upto
        FROM (
          SELECT p.id, NULL::int AS upto, 0 AS inside, p.ref, p.pushed_at, p.before_sha
          FROM dep JOIN forge_pushes p ON p.team_id = dep.team_id AND p.repository = dep.repository
            AND p.after_sha = dep.sha
          UNION ALL
          SELECT p.id, c.position, 1, p.ref, p.pushed_at, p.before_sha
          FROM dep JOIN forge_push_commits c ON c.sha = dep.sha
            JOIN forge_pushes p ON p.id = c.push_id AND p.team_id = dep.team_id
              AND p.repository = dep.repository AND p.after_sha <> dep.sha
        ) s CROSS JOIN dep
        ORDER BY s.inside, COALESCE(s.ref = dep.ref, false) DESC, (s.before_sha ~ '^0+$'), s.pushed_at,
          s.ref, s.before_sha, s.upto
        LIMIT 1
      ),
      chain AS (
        SELECT 0 AS depth, p.id, p.ref, p.before_sha, p.forced, st.upto, w.cut, w.taken
        FROM start st JOIN forge_pushes p ON p.id = st.id
        CROSS JOIN LATERAL (
          SELECT k.cut, (SELECT count(*) FROM forge_push_commits c WHERE c.push_id = p.id
              AND (st.upto IS NULL OR c.position <= st.upto) AND (k.cut IS NULL OR c.position > k.cut))::int AS taken
          FROM (SELECT max(c.position) AS cut FROM forge_push_commits c JOIN stops s ON s.sha = c.sha
            WHERE c.push_id = p.id AND (st.upto IS NULL OR c.position < st.upto)) k
        ) w
        WHERE NOT EXISTS (SELECT 1 FROM stops JOIN dep ON stops.sha = dep.sha)
        UNION ALL
        SELECT c.depth + 1, n.id, n.ref, n.before_sha, n.forced, NULL::int, w.cut, c.taken + w.taken
        FROM chain c
        CROSS JOIN LATERAL (
          SELECT p.id, p.ref, p.before_sha, p.forced
          FROM forge_pushes p JOIN dep ON p.team_id = dep.team_id AND p.repository = dep.repository
          WHERE p.after_sha = c.before_sha
          ORDER BY (p.ref = c.ref) DESC, (p.before_sha ~ '^0+$'), p.pushed_at, p.ref, p.before_sha
          LIMIT 1
        ) n
        CROSS JOIN LATERAL (
          SELECT k.cut, (SELECT count(*) FROM forge_push_commits pc WHERE pc.push_id = n.id
              AND (k.cut IS NULL OR pc.position > k.cut))::int AS taken
          FROM (SELECT max(pc.position) AS cut FROM forge_push_commits pc JOIN stops s ON s.sha = pc.sha
            WHERE pc.push_id = n.id) k
        ) w
        WHERE NOT c.forced AND c.cut IS NULL AND c.before_sha !~ '^0+$'
          AND c.before_sha NOT IN (SELECT sha FROM stops)
          AND c.taken < ${MAX_COMMITS} AND c.depth < ${MAX_WALKED_PUSHES - 1}
      ),
      picked AS (
        SELECT DISTINCT ON (pc.sha) pc.sha, pc.message, pc.authored_at, ch.depth, pc.position
        FROM chain ch JOIN forge_push_commits pc ON pc.push_id = ch.id
        WHERE (ch.upto IS NULL OR pc.position <= ch.upto) AND (ch.cut IS NULL OR pc.position > ch.cut)
        ORDER BY pc.sha, ch.depth, pc.position DESC
      ),
      newest AS (
        SELECT * FROM picked ORDER BY depth, position DESC LIMIT ${MAX_COMMITS}
      )
      SELECT EXISTS (SELECT 1 FROM start) AS known,
        COALESCE((SELECT json_agg(json_build_array(sha, message, authored_at) ORDER BY depth DESC, position)
          FROM newest), '[]')::text AS commits`;
    const commits = (
      JSON.parse(row?.commits ?? '[]') as [string, string | null, string | null][]
    ).map(([sha, message, authoredAt]) => ({
      sha,
      message,
      authoredAt: authoredAt === null ? null : new Date(authoredAt),
    }));
    return { known: row?.known ?? false, commits };
  }

  /**
   * The successful deployments of the repository whose commits a newly stored push may change:
   * those whose sha is in it or in a push after it (through before = after, not past a forced
   * push), earliest first, at most MAX_REFRESHED_DEPLOYMENTS, their commits not from a payload.
   */
  async deploymentsAhead(
    tx: PrismaTx,
    teamId: string,
    repository: string,
    pushId: string,
  ): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE ahead AS (
        SELECT p.id, p.after_sha FROM forge_pushes p WHERE p.id = ${pushId}::uuid
        UNION
        SELECT n.id, n.after_sha
        FROM ahead a JOIN forge_pushes n ON n.team_id = ${teamId}::uuid AND n.repository = ${repository}
          AND n.before_sha = a.after_sha AND NOT n.forced
      ),
      walked AS (SELECT * FROM ahead LIMIT ${MAX_WALKED_PUSHES}),
      shas AS (
        SELECT after_sha AS sha FROM walked
        UNION SELECT c.sha FROM walked w JOIN forge_push_commits c ON c.push_id = w.id
      )
      SELECT d.id FROM deployments d
      WHERE d.team_id = ${teamId}::uuid AND d.repository = ${repository} AND d.status = 'SUCCESS'
        AND d.commits_source IS DISTINCT FROM 'PAYLOAD' AND d.commit_sha IN (SELECT sha FROM shas)
      ORDER BY d.finished_at, d.id
      LIMIT ${MAX_REFRESHED_DEPLOYMENTS}`;
    return rows.map((r) => r.id);
  }
}
