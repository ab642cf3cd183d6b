/**
 * A tiny CONNECT proxy for Firefox: tunnels the W&B hosts (and any self-managed host the simulator
 * serves) to the simulator's loopback port and refuses every other host, so the browser never
 * reaches the network and the page origin is really `https://wandb.ai`.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** Every `host:port` the browser asked for that was refused, in order. */
  refused: string[];
  close(): Promise<void>;
}

export async function startConnectProxy(options: {
  targetPort: number;
  hosts: string[];
}): Promise<ConnectProxy> {
  const allowed = new Set(options.hosts.map((host) => `${host.toLowerCase()}:443`));
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > 16_384) client.destroy();
        return;
      }
      client.off('data', onData);
      const [method, target] = head.subarray(0, end).toString('latin1').split('\r\n')[0]!.split(' ');
      const rest = head.subarray(end + 4);
      if (method !== 'CONNECT' || !target || !allowed.has(target.toLowerCase())) {
        refused.push(`${method} ${target}`);
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const upstream = connect(options.targetPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not bind');
  return {
    port: address.port,
    refused,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
