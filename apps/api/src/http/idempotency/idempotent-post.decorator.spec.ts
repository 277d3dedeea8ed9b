import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { API_CONTROLLERS } from '../../controllers';
import { IdempotencyGuard } from './idempotency.guard';
import { IDEMPOTENT_HANDLER } from './idempotent-post.decorator';

describe('Idempotency-Key on every POST', () => {
  it('puts the idempotency guard and handler wrapper on every POST route of the API (not on other routes)', () => {
    const routes: Array<{ route: string; post: boolean; idempotent: boolean }> = [];
    for (const controller of API_CONTROLLERS) {
      const proto = controller.prototype as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        const guards = (Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[];
        routes.push({
          route: `${controller.name}.${name}`,
          post: Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST,
          idempotent:
            guards.includes(IdempotencyGuard) && Reflect.getMetadata(IDEMPOTENT_HANDLER, handler) === true,
        });
      }
    }
    expect(routes.filter((r) => r.post).length).toBeGreaterThanOrEqual(10);
    expect(routes.filter((r) => r.post !== r.idempotent)).toEqual([]);
  });
});
