/**
 * A minimal client for Firefox's Remote Debugging Protocol (the protocol of about:debugging and
 * its toolbox): the one way to reach the add-on's own contexts, which WebDriver BiDi hides
 * (Firefox bug 1755014). Packets are `<byte length>:<JSON>`; a request goes `to` an actor and its
 * reply comes `from` it; packets that carry a `type` are events.
 */
import { connect, type Socket } from 'node:net';

export type Packet = Record<string, unknown> & {
  from?: string;
  type?: string;
  error?: string;
  message?: string;
};

export class RdpClient {
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<string, { resolve(p: Packet): void; reject(e: Error): void }[]>();
  private readonly listeners = new Set<(packet: Packet) => void>();
  private greeting: Promise<Packet>;

  private constructor(private readonly socket: Socket) {
    let greet: (p: Packet) => void;
    this.greeting = new Promise((resolve) => {
      greet = resolve;
    });
    let greeted = false;
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const colon = this.buffer.indexOf(':');
        if (colon === -1) return;
        const length = Number(this.buffer.subarray(0, colon).toString('latin1'));
        if (!Number.isFinite(length)) throw new Error('RDP: bulk packets are not supported');
        if (this.buffer.length < colon + 1 + length) return;
        const packet = JSON.parse(
          this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'),
        ) as Packet;
        this.buffer = this.buffer.subarray(colon + 1 + length);
        if (!greeted) {
          greeted = true;
          greet!(packet);
          continue;
        }
        this.dispatch(packet);
      }
    });
    socket.on('close', () => {
      for (const queue of this.pending.values())
        for (const waiter of queue) waiter.reject(new Error('RDP connection closed'));
      this.pending.clear();
    });
  }

  /** Connects to `-start-debugger-server <port>`, retrying while Firefox starts the server. */
  static async connect(port: number, timeoutMs = 10_000): Promise<RdpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new RdpClient(socket);
        await client.greeting;
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        // Polling a port that is not open yet: the debugger server starts a moment after Firefox.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private dispatch(packet: Packet): void {
    const queue = packet.from ? this.pending.get(packet.from) : undefined;
    if (packet.type === undefined && queue && queue.length > 0) {
      const waiter = queue.shift()!;
      if (packet.error)
        waiter.reject(new Error(`RDP ${packet.from}: ${packet.error} ${packet.message ?? ''}`));
      else waiter.resolve(packet);
      return;
    }
    for (const listener of this.listeners) listener(packet);
  }

  request(to: string, type: string, params: Record<string, unknown> = {}): Promise<Packet> {
    return new Promise((resolve, reject) => {
      const queue = this.pending.get(to) ?? [];
      queue.push({ resolve, reject });
      this.pending.set(to, queue);
      const body = Buffer.from(JSON.stringify({ to, type, ...params }), 'utf8');
      this.socket.write(`${body.length}:`);
      this.socket.write(body);
    });
  }

  onEvent(listener: (packet: Packet) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.destroy();
  }
}
