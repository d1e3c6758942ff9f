import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AppLogger } from '../logging/app-logger';
import { DatabaseListener } from './database-listener';
import { DATABASE_CONNECTION } from './database.tokens';
import { openDatabase } from './database-connection';
import { MigrationService } from './migration.service';
import { PrismaService } from './prisma.service';

@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [AppConfig, AppLogger],
      useFactory: (config: AppConfig, logger: AppLogger) => openDatabase(config.database, logger),
    },
    PrismaService,
    MigrationService,
    DatabaseListener,
  ],
  exports: [PrismaService, MigrationService, DatabaseListener],
})
export class DatabaseModule {}
