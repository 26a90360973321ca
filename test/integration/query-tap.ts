/**
 * A TCP pass-through placed between a pgwire client and a server, so a test
 * sees what actually crossed the wire: the exact bytes of every simple
 * Query message the client sent, and how many connections are still open.
 * The stand-in decodes query text to a JS string; only the raw bytes show
 * that nothing was re-encoded on the way.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** Frontend message type of a simple query ('Q'). */
const QUERY = 0x51;

export class QueryTap {
  /** The query text of each Query message, as sent: UTF-8 bytes without the terminating NUL. */
  readonly queries: Buffer[] = [];
  /** Connections accepted since start. */
  accepted = 0;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private readonly server: Server;
  private listeningPort = 0;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetPort: number): Promise<QueryTap> {
    const tap = new QueryTap(targetPort);
    await new Promise<void>((resolve, reject) => {
      tap.server.once('error', reject);
      tap.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = tap.server.address();
    if (address === null || typeof address === 'string') throw new Error('tap has no TCP address');
    tap.listeningPort = address.port;
    return tap;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** Client connections whose client or server side is still open. */
  get openConnections(): number {
    return this.pairs.size;
  }

  async close(): Promise<void> {
    for (const pair of this.pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.accepted++;
    const upstream = createConnection({ host: '127.0.0.1', port: this.targetPort });
    const pair = { client, upstream };
    this.pairs.add(pair);
    let closed = 0;
    const onClose = (): void => {
      closed++;
      if (closed === 2) this.pairs.delete(pair);
    };
    // Either side going away ends the other, as a direct connection would.
    client.on('close', () => {
      upstream.destroy();
      onClose();
    });
    upstream.on('close', () => {
      client.destroy();
      onClose();
    });
    client.on('error', () => client.destroy());
    upstream.on('error', () => upstream.destroy());
    client.on('data', this.frontendReader());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /**
   * Splits the client's byte stream into protocol messages: the startup
   * message first (length-prefixed, no type byte), then type byte + length.
   */
  private frontendReader(): (chunk: Buffer) => void {
    let pending = Buffer.alloc(0);
    let started = false;
    return (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!started) {
          if (pending.length < 4) return;
          const length = pending.readInt32BE(0);
          if (pending.length < length) return;
          started = true;
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) return;
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) return;
        // The length counts itself and the text's NUL, not the type byte.
        if (pending[0] === QUERY) this.queries.push(Buffer.from(pending.subarray(5, length)));
        pending = pending.subarray(1 + length);
      }
    };
  }
}
