import { type INestApplication, type MiddlewareConsumer, Module, type DynamicModule, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LedgerModule } from '@subsidy/ledger/ledger.module';
import type { LedgerConfig } from '@subsidy/ledger/config/ledger-config';
import { ReadYourWrites } from '@subsidy/ledger/consistency/read-your-writes';
import type { NextFunction, Request, Response } from 'express';
import { ProblemFilter } from './http/problem/problem.filter';
import { StrictBodyPipe } from './http/validation/strict-body.pipe';
import { refuseHostileJson } from './http/validation/json-shape.middleware';
import { BearerAuthGuard } from './http/auth/bearer-auth.guard';
import { LEDGER_POSITION_HEADER, LedgerPositionMiddleware } from './http/position/ledger-position.middleware';
import { API_CONTROLLERS } from './controllers';
import { JsonReplyAdapter } from './http/json-reply.adapter';

/** Largest request body: an explicit-lines batch for a whole county (27,066 lines) fits with room. */
const BODY_LIMIT = '50mb';

export function apiModule(config: LedgerConfig): DynamicModule {
  @Module({})
  class ApiModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(LedgerPositionMiddleware).forRoutes('*');
    }
  }
  return {
    module: ApiModule,
    imports: [LedgerModule.forRoot(config)],
    controllers: API_CONTROLLERS,
    providers: [
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_PIPE, useClass: StrictBodyPipe },
      { provide: APP_GUARD, useClass: BearerAuthGuard },
    ],
  };
}

/** Builds the HTTP application (used by `npm start` and by the e2e tests). */
export async function createApp(config: LedgerConfig, options: { logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(apiModule(config), new JsonReplyAdapter(), {
    bodyParser: false,
    abortOnError: false,
    logger: options.logger === false ? false : ['log', 'warn', 'error'],
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.useBodyParser('json', { limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  app.use(refuseHostileJson);
  app.enableShutdownHooks();
  // Swagger answers /docs itself, ahead of Nest's middleware: stamp those answers too.
  const readYourWrites = app.get(ReadYourWrites);
  app.use('/docs', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader(LEDGER_POSITION_HEADER, readYourWrites.currentReadPosition.toString());
    next();
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Subsidy Ledger')
      .setDescription(
        'System of record for disability subsidies: every step an immutable event. Money is a two-decimal string in yuan.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.init();
  return app;
}
