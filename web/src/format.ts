/** Points as the sprint and reports pages show them: at most one decimal ("12", "12.5"). */
export const points = (value: number): string => String(Math.round(value * 10) / 10);

/** A share 0–100 as a whole percent ("80 %"), or a dash when there is none. */
export const percent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : `${Math.round(value)} %`;

/** A date (YYYY-MM-DD or ISO timestamp) as "7 Dec 2026", in UTC like the API's dates. */
export const day = (value: string): string =>
  new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Hours as "3.5 h" or "2.1 d" past two days; a dash when there is no value. */
export const duration = (hours: number | null | undefined): string =>
  hours === null || hours === undefined
    ? '–'
    : hours >= 48
      ? `${points(hours / 24)} d`
      : `${points(hours)} h`;
