import { Injectable, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { AppConfig } from '../../config/app-config';
import { rememberSerialized } from '../../common/graphql/serialized-results';
import { MetricsService } from '../../metrics/metrics.service';
import { BoardDocumentCache } from './board-document-cache';

/**
 * The process's board read cache (see BoardReadCachePlugin), bounded by BOARD_CACHE_MAX_BYTES
 * of answers' JSON (0 turns it off), with its size and hit counts as metrics.
 */
@Injectable()
export class BoardReadCache implements OnModuleInit {
  private readonly documents: BoardDocumentCache;

  constructor(
    config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.documents = new BoardDocumentCache(config.boardCacheMaxBytes);
  }

  get enabled(): boolean {
    return this.documents.enabled;
  }

  get(boardId: string, version: number, selection: string): Record<string, unknown> | undefined {
    return this.documents.get(boardId, version, selection);
  }

  set(boardId: string, version: number, selection: string, data: Record<string, unknown>): void {
    // Serialized once, here: the bound counts the answer as it goes out (its JSON), and every
    // response that serves it writes this text (see serialized-results) rather than
    // serializing the tree again.
    const json = JSON.stringify(data);
    rememberSerialized(data, json);
    this.documents.set(boardId, version, selection, data, Buffer.byteLength(json));
  }

  stats(): ReturnType<BoardDocumentCache['stats']> {
    return this.documents.stats();
  }

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const documents = this.documents;
    const gauge = (name: string, help: string, read: () => number): void => {
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    };
    gauge(
      'loopboard_board_cache_bytes',
      'JSON size of the board read answers this process keeps (bounded by BOARD_CACHE_MAX_BYTES).',
      () => documents.stats().bytes,
    );
    gauge(
      'loopboard_board_cache_entries',
      'Board read answers this process keeps.',
      () => documents.stats().entries,
    );
    // Totals kept by the cache itself, reported as counters at scrape time.
    const counter = (name: string, help: string, read: () => number): void => {
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    };
    counter(
      'loopboard_board_cache_hits_total',
      'Board reads answered from the cache.',
      () => documents.stats().hits,
    );
    counter(
      'loopboard_board_cache_misses_total',
      'Cacheable board reads that were executed (first read, or the board changed).',
      () => documents.stats().misses,
    );
    counter(
      'loopboard_board_cache_evictions_total',
      'Answers dropped to keep the cache under its byte bound.',
      () => documents.stats().evictions,
    );
  }
}
