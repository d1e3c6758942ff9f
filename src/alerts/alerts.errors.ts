import { NotFoundError, ServiceUnavailableError } from '../common/errors/app-error';

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

/** More deliveries to one integration are waiting than the service keeps in memory. */
export class DeliveryQueueFullError extends ServiceUnavailableError {
  constructor(maxDeliveries: number, maxMiB: number) {
    super(
      `Too many deliveries to this integration are waiting to be processed (at most ${maxDeliveries} deliveries or ${maxMiB} MiB); retry shortly`,
      1,
    );
  }
}
