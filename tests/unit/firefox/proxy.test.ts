/**
 * The Firefox suite's CONNECT proxy lets the browser reach the simulated hosts and nothing else.
 */
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { type ConnectProxy, startConnectProxy } from '@/tests/firefox/proxy';

let proxy: ConnectProxy | undefined;
let target: Server | undefined;

afterEach(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
  proxy = undefined;
  target = undefined;
});

/** A stand-in for the simulator: answers every connection with "sim:" and echoes what it gets. */
async function startTarget(): Promise<number> {
  target = createServer((socket) => {
    socket.write('sim:');
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => target!.listen(0, '127.0.0.1', resolve));
  return (target.address() as { port: number }).port;
}

/** Sends `request` (and then `payload` once the head is answered) and returns everything read until close or 1 s of quiet. */
function exchange(port: number, request: string, payload = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    let sent = false;
    const finish = () => {
      socket.destroy();
      resolve(received);
    };
    let quiet = setTimeout(finish, 1000);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (!sent && payload && received.includes('\r\n\r\n')) {
        sent = true;
        socket.write(payload);
      }
      clearTimeout(quiet);
      quiet = setTimeout(finish, 300);
    });
    socket.on('close', () => {
      clearTimeout(quiet);
      resolve(received);
    });
    socket.on('error', reject);
  });
}

describe('the Firefox suite CONNECT proxy', () => {
  test('tunnels the simulated hosts on port 443 to the simulator', async () => {
    proxy = await startConnectProxy({ targetPort: await startTarget(), hosts: ['wandb.ai', 'api.wandb.ai'] });
    for (const host of ['wandb.ai', 'API.wandb.ai']) {
      const reply = await exchange(
        proxy.port,
        `CONNECT ${host}:443 HTTP/1.1\r\nHost: ${host}:443\r\n\r\n`,
        'ping',
      );
      expect(reply).toMatch(/^HTTP\/1\.1 200 /);
      expect(reply).toContain('sim:ping');
    }
    expect(proxy.refused).toEqual([]);
  });

  test('refuses every other host, other ports and plain HTTP requests, and says which', async () => {
    proxy = await startConnectProxy({ targetPort: await startTarget(), hosts: ['wandb.ai'] });
    const asks = [
      'CONNECT example.com:443 HTTP/1.1\r\n\r\n',
      'CONNECT wandb.ai:80 HTTP/1.1\r\n\r\n',
      'CONNECT evil.wandb.ai:443 HTTP/1.1\r\n\r\n',
      'CONNECT wandb.ai.evil.test:443 HTTP/1.1\r\n\r\n',
      'GET http://wandb.ai/ HTTP/1.1\r\nHost: wandb.ai\r\n\r\n',
    ];
    for (const ask of asks) {
      const reply = await exchange(proxy.port, ask);
      expect(reply, ask).toMatch(/^HTTP\/1\.1 403 /);
      expect(reply, ask).not.toContain('sim:');
    }
    expect(proxy.refused).toEqual([
      'CONNECT example.com:443',
      'CONNECT wandb.ai:80',
      'CONNECT evil.wandb.ai:443',
      'CONNECT wandb.ai.evil.test:443',
      'GET http://wandb.ai/',
    ]);
  });
});
