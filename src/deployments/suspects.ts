/** What a new alert card is matched against deployments by. */
export interface SuspectQuery {
  service: string;
  /** Null: the alert names no environment, and a deployment to any environment may be the suspect. */
  environment: string | null;
  /** When the alert started. */
  at: Date;
}

export interface SuspectDeployment {
  id: string;
  service: string;
  environment: string;
  version: string;
  url: string | null;
  finishedAt: Date;
  commits: { sha: string; message: string | null }[];
  /** The rollback hint: the version of the previous successful deployment, if any. */
  previousVersion: string | null;
}

const SHOWN_COMMITS = 5;

function firstLine(text: string | null): string {
  return (text ?? '').split('\n')[0]?.trim().slice(0, 120) ?? '';
}

function minutesBetween(from: Date, to: Date): string {
  const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The paragraph added to an alert card's description naming its suspect and the rollback hint. */
export function describeSuspect(suspect: SuspectDeployment, alertStart: Date): string {
  const lines = [
    `**Suspect deployment:** ${suspect.service} ${suspect.version} to ${suspect.environment}, finished ${minutesBetween(suspect.finishedAt, alertStart)} before the alert started${suspect.url ? ` (${suspect.url})` : ''}.`,
  ];
  if (suspect.commits.length > 0) {
    lines.push('', 'Commits it brought:');
    for (const c of suspect.commits.slice(0, SHOWN_COMMITS))
      lines.push(`- ${c.sha.slice(0, 8)} ${firstLine(c.message)}`.trimEnd());
    if (suspect.commits.length > SHOWN_COMMITS)
      lines.push(`- … and ${suspect.commits.length - SHOWN_COMMITS} more`);
  }
  lines.push(
    '',
    suspect.previousVersion
      ? `**Rollback hint:** the previous successful version is ${suspect.previousVersion}.`
      : `**Rollback hint:** no earlier successful deployment of ${suspect.service} to ${suspect.environment} is known.`,
  );
  return lines.join('\n');
}
