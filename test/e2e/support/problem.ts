import type { Response } from 'supertest';

/**
 * An error answer as the contract fixes it: `application/problem+json` with `{type, title, status, detail}`,
 * the status repeated in the body, a `Ledger-Position`, and for a 400 the fields at fault (`errors[].field`).
 */
export function expectProblem(res: Response, status?: number): void {
  if (status !== undefined) expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as Record<string, unknown>;
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.any(String),
      title: expect.any(String),
      status: res.status,
      detail: expect.any(String),
    }),
  );
  expect(res.headers['ledger-position']).toMatch(/^\d+$/);
  if (res.status === 400) {
    expect(Array.isArray(body.errors)).toBe(true);
    const errors = body.errors as Array<Record<string, unknown>>;
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors)
      expect(e).toEqual(expect.objectContaining({ field: expect.any(String), message: expect.any(String) }));
  }
}

/** The fields a 400 names. */
export const fieldsOf = (res: Response): string[] =>
  ((res.body as { errors?: Array<{ field: string }> }).errors ?? []).map((e) => e.field);
