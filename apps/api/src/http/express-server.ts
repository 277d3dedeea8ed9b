import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

type Initialiser = (this: object, ...args: unknown[]) => void;

/**
 * An HTTP server for an Express app whose requests and responses are born with the app's prototypes
 * (`app.request`, `app.response`). Express 5 otherwise re-parents each one on arrival
 * (`Object.setPrototypeOf(req, app.request)`, the same for `res`), and V8 then kept every request's objects
 * alive through young-generation collections: under the bench's GET load a quarter of all allocation was
 * copied and promoted, scavenges paused 4–40 ms, and the old generation filled with dead requests. Born with
 * those prototypes, Express's `setPrototypeOf` finds them in place and changes nothing; the objects are the
 * same as before (same prototype chain, same constructors' work).
 *
 * Node's IncomingMessage and ServerResponse are plain constructor functions (Node 20 to 24), so they can
 * initialise an object made with another prototype.
 */
export function createExpressServer(app: Express): http.Server {
  const initRequest = IncomingMessage as unknown as Initialiser;
  const initResponse = ServerResponse as unknown as Initialiser;
  function ExpressRequest(this: IncomingMessage, socket: Socket): void {
    initRequest.call(this, socket);
  }
  ExpressRequest.prototype = app.request;
  // Node passes options (highWaterMark, rejectNonStandardBodyWrites) its typings do not declare: pass all on.
  function ExpressResponse(this: ServerResponse, ...args: unknown[]): void {
    initResponse.call(this, ...args);
  }
  ExpressResponse.prototype = app.response;
  return http.createServer(
    {
      IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
      ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}
