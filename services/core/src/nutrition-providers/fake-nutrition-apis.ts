// Test support: local stand-ins for USDA FoodData Central and Open Food Facts at the HTTP level,
// so integration tests exercise the real fetch, timeouts and breakers without the internet.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/** What the fake answers: a status with a JSON value or raw text, or 'hang' to never answer. */
export type FakeReply = { status: number; json?: unknown; text?: string } | 'hang';

export type FakeHandler = (request: RecordedRequest) => FakeReply;

export interface FakeJsonServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replaces how the server answers from now on. */
  reply(handler: FakeHandler): void;
  close(): Promise<void>;
}

function answer(response: ServerResponse, reply: Exclude<FakeReply, 'hang'>): void {
  const body = reply.text ?? JSON.stringify(reply.json ?? null);
  response.writeHead(reply.status, { 'content-type': 'application/json' });
  response.end(body);
}

/** Starts a server on 127.0.0.1, port 0 (any free port). */
export async function startFakeJsonServer(handler: FakeHandler): Promise<FakeJsonServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const recorded = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
    };
    requests.push(recorded);
    const reply = current(recorded);
    if (reply !== 'hang') answer(response, reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply(next: FakeHandler): void {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A FoodData Central search answer with one food per entry, nutrients per 100 g. */
export function fdcSearchAnswer(
  foods: ReadonlyArray<{
    fdcId: number;
    description: string;
    kcal?: number;
    proteinG?: number;
    fatG?: number;
    carbsG?: number;
    sodiumMg?: number;
    brandOwner?: string;
    servingGrams?: number;
  }>,
): unknown {
  return {
    totalHits: foods.length,
    currentPage: 1,
    totalPages: 1,
    foods: foods.map((food) => ({
      fdcId: food.fdcId,
      description: food.description,
      dataType: food.brandOwner ? 'Branded' : 'SR Legacy',
      ...(food.brandOwner ? { brandOwner: food.brandOwner } : {}),
      ...(food.servingGrams ? { servingSize: food.servingGrams, servingSizeUnit: 'g' } : {}),
      foodNutrients: [
        ...(food.kcal === undefined ? [] : [{ nutrientNumber: '208', unitName: 'KCAL', value: food.kcal }]),
        ...(food.proteinG === undefined
          ? []
          : [{ nutrientNumber: '203', unitName: 'G', value: food.proteinG }]),
        ...(food.fatG === undefined ? [] : [{ nutrientNumber: '204', unitName: 'G', value: food.fatG }]),
        ...(food.carbsG === undefined ? [] : [{ nutrientNumber: '205', unitName: 'G', value: food.carbsG }]),
        ...(food.sodiumMg === undefined
          ? []
          : [{ nutrientNumber: '307', unitName: 'MG', value: food.sodiumMg }]),
      ],
    })),
  };
}

/** An Open Food Facts v2 product answer. */
export function offProductAnswer(barcode: string, product: Record<string, unknown>): unknown {
  return { code: barcode, status: 1, status_verbose: 'product found', product };
}

export function offNotFoundAnswer(barcode: string): unknown {
  return { code: barcode, status: 0, status_verbose: 'product not found' };
}
