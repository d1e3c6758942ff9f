import { NotFoundError } from '../common/errors/app-error';

export class IntegrationNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Alert integration', reference);
  }
}

export class AlertNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Alert', reference);
  }
}

export class DeliveryNotFoundError extends NotFoundError {
  constructor(reference: string) {
    super('Webhook delivery', reference);
  }
}
