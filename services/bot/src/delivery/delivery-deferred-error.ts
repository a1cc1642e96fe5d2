/**
 * A message could not be delivered now and waits in the outbox; it will be sent later. Handlers
 * see this instead of a success, and nobody should apologise for it: the message is not lost.
 */
export class DeliveryDeferredError extends Error {
  constructor(
    readonly method: string,
    readonly chatId: number,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${method} to chat ${chatId} queued in the outbox: ${reason}`, options);
    this.name = 'DeliveryDeferredError';
  }
}
