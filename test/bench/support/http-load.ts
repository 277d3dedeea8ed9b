/** autocannon runs against the HTTP scenario's server (the orchestrator runs them, the server is its child). */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function load(options: {
  port: number;
  method: 'GET' | 'POST';
  token: string;
  seconds: number;
  connections: number;
  /** The n-th request's path and body (n counts from 0 across all connections). */
  request: (n: number) => { path: string; body?: string };
}): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}`,
    connections: options.connections,
    duration: options.seconds,
    headers: {
      authorization: `Bearer ${options.token}`,
      ...(options.method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    requests: [
      {
        method: options.method,
        setupRequest: (req) => {
          const { path, body } = options.request(n++);
          return { ...req, path, ...(body === undefined ? {} : { body }) };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
