import type { DeploymentEvent } from '../../deployments/parsers';
import type { NormalizedAlert } from '../parsers';

/** What deliveries are made of and what processing them returns (shared by the pipeline's parts). */

export interface DeliverySummary {
  received: number;
  created: number;
  updated: number;
  resolved: number;
  reopened: number;
  ignored: number;
}

export interface IncomingDelivery {
  id: string;
  receivedAt: Date;
  requestId: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  body: string;
  replayOfId: string | null;
}

/** One delivery's alerts, parsed, waiting to be processed (alone or with others). */
export interface DeliveryJob {
  alerts: NormalizedAlert[];
  /** Events the parser dropped as not about an alert (PagerDuty's non-incident events). */
  ignoredEvents?: number;
  /** Deployment integrations: what the delivery is about (alerts is empty then). */
  deployment?: { event: DeploymentEvent; service: string | null };
  delivery: IncomingDelivery;
}

/** What one delivery did to one alert: how a delivery is followed to its alerts and cards. */
export interface DeliveryItem {
  alertId: string;
  dedupKey: string;
  taskId: string | null;
  outcome: 'created' | 'updated' | 'resolved' | 'reopened';
}

/** Items kept per delivery (summary JSON and log line); storms beyond it keep the counts only. */
export const MAX_DELIVERY_ITEMS = 1000;

export interface ProcessResult {
  summary: DeliverySummary;
  /** Deployment integrations: the deployment the delivery created or updated. */
  deploymentId?: string;
  /** Deployment integrations: the push the delivery stored (or had stored already). */
  pushId?: string;
  items: DeliveryItem[];
  overfullColumns: { columnId: string; name: string; wipLimit: number; cards: number }[];
}
