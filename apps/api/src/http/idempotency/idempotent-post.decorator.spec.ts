import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { API_CONTROLLERS } from '../../controllers';
import { IdempotencyInterceptor } from './idempotency.interceptor';

describe('Idempotency-Key on every POST', () => {
  it('puts the idempotency interceptor on every POST route of the API (it is not global)', () => {
    const posts: Array<{ route: string; idempotent: boolean }> = [];
    for (const controller of API_CONTROLLERS) {
      const proto = controller.prototype as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (
          typeof handler !== 'function' ||
          Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.POST
        )
          continue;
        const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? []) as unknown[];
        posts.push({
          route: `${controller.name}.${name}`,
          idempotent: interceptors.includes(IdempotencyInterceptor),
        });
      }
    }
    expect(posts.length).toBeGreaterThanOrEqual(10);
    expect(posts.filter((p) => !p.idempotent)).toEqual([]);
  });
});
