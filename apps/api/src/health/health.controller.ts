import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@subsidy/ledger/infrastructure/tokens';
import type { EventStore } from '@subsidy/event-store';

/** Open to all: 200 `{"status":"ok"}` when the event store answers. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @HttpCode(200)
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  async health(): Promise<{ status: 'ok' }> {
    try {
      await this.store.headPosition();
    } catch (e) {
      throw new ServiceUnavailableException(`event store (${this.store.kind}) does not answer: ${String(e)}`);
    }
    return { status: 'ok' };
  }
}
