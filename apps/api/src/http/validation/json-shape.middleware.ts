import type { NextFunction, Request, Response } from 'express';
import { InvalidInputError } from '../problem/problem';

/** No request body of this API nests deeper than this (a batch's `lines[i].amount` is 2). */
export const MAX_BODY_DEPTH = 8;

/**
 * Keys that name prototypes: JSON.parse keeps `"__proto__"` as an own key, and class-transformer would then
 * assign it as the DTO's prototype, so the field vanished (and was never refused as unknown) or planted
 * inherited values.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Runs right after the JSON parser, before auth, idempotency hashing and validation, which all walk the body
 * recursively: a body nested without bound would overflow their stacks (a 500), so it is refused here with
 * 400, walking it without recursion. The walk names no paths until it has found a fault (bodies of 300,000
 * lines stay cheap).
 */
export function refuseHostileJson(req: Request, _res: Response, next: NextFunction): void {
  const body = req.body as unknown;
  const sound = body === null || typeof body !== 'object' || isSound(body);
  next(sound ? undefined : new InvalidInputError([locateFault(body)]));
}

function isSound(body: unknown): boolean {
  const values: unknown[] = [body];
  const depths: number[] = [0];
  const visit = (child: unknown, depth: number): void => {
    if (child !== null && typeof child === 'object') {
      values.push(child);
      depths.push(depth);
    }
  };
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop()!;
    if (depth >= MAX_BODY_DEPTH) return false;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return false;
      visit((value as Record<string, unknown>)[key], depth + 1);
    }
  }
  return true;
}

function locateFault(body: unknown): { field: string; message: string } {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH)
      return { field: path, message: `is nested more than ${MAX_BODY_DEPTH} levels deep` };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const field = path === '' ? key : `${path}.${key}`;
      if (PROTOTYPE_KEYS.has(key)) return { field, message: 'is not a known field' };
      stack.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return { field: 'body', message: 'is not a plain JSON value' };
}
