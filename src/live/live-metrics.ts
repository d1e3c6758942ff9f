import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DatabaseListener } from '../common/database/database-listener';
import { MetricsService } from '../metrics/metrics.service';
import { LiveHub } from './live-hub';
import { LiveSessions } from './live-sessions.service';

/** Live updates as Prometheus sees them: read at scrape time, nothing counted on the hot path. */
@Injectable()
export class LiveMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly hub: LiveHub,
    private readonly sessions: LiveSessions,
    private readonly listener: DatabaseListener,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const { hub, sessions, listener } = this;
    new Gauge({
      name: 'loopboard_live_connections',
      help: 'Open WebSocket connections (graphql-ws) of this process.',
      registers,
      collect() {
        this.set(sessions.size);
      },
    });
    new Gauge({
      name: 'loopboard_live_subscriptions',
      help: 'Active GraphQL subscriptions of this process.',
      registers,
      collect() {
        this.set(hub.size);
      },
    });
    new Gauge({
      name: 'loopboard_live_listener_up',
      help: '1 while the database notification listener is connected (0: live updates are paused and resync when it returns).',
      registers,
      collect() {
        this.set(listener.connected ? 1 : 0);
      },
    });
  }
}
