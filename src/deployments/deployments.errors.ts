import { NotFoundError } from '../common/errors/app-error';

export class DeploymentNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Deployment', reference);
  }
}
