/** RFC 9457 problem details, the body of every error answer (`application/problem+json`). */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** `type` names the kind of problem; clients may switch on it. */
export function problem(status: number, kind: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `urn:subsidy-ledger:problem:${kind}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Thrown by pipes and guards for a 400 that names fields. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly errors: FieldError[],
    detail = 'the request is invalid: see errors',
  ) {
    super(detail);
  }
}
