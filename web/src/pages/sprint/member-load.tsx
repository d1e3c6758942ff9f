import { ScrollRegion } from '../../charts/scroll-region';
import type { SprintReportFiguresFragment } from '../../gql/graphql';
import { points } from '../../format';

type Member = SprintReportFiguresFragment['members'][number];

/** Each member's capacity in the sprint against the points assigned to them. */
export function MemberLoad({ members }: { members: Member[] }) {
  if (members.length === 0) return <p className="muted">The team has no members.</p>;
  return (
    <ScrollRegion label="Load per member">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Points/day</th>
            <th scope="col">Days off</th>
            <th scope="col">Available days</th>
            <th scope="col">Capacity</th>
            <th scope="col">Assigned</th>
            <th scope="col">Completed</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => {
            const over = m.assignedPoints > m.capacityPoints;
            return (
              <tr key={m.memberId} data-member={m.memberId}>
                <th scope="row">{m.name}</th>
                <td>{points(m.capacityPerDay)}</td>
                <td>{points(m.daysOff)}</td>
                <td>{points(m.availableDays)}</td>
                <td data-figure="capacityPoints">{points(m.capacityPoints)}</td>
                <td data-figure="assignedPoints" className={over ? 'over-capacity' : undefined}>
                  {points(m.assignedPoints)}
                  {over && <span className="over-badge">over capacity</span>}
                </td>
                <td data-figure="completedPoints">{points(m.completedPoints)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
