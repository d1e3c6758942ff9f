import { ConflictError, NotFoundError } from '../common/errors/app-error';

export class TeamNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Team', reference);
  }
}

export class MemberNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Member', reference);
  }
}

export class TeamKeyTakenError extends ConflictError {
  constructor(key: string) {
    super(`Team key ${key} is already taken`, { field: 'input.key' });
  }
}
