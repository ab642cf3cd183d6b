/**
 * Request gates: a test fixes the order of events by holding chosen API requests until it
 * releases them, instead of slowing the server down and hoping the machine keeps pace.
 *
 * A gate captures the next `count` API requests that match it (a GraphQL operation name, a SCIM
 * method and path prefix, or any API request) and holds each one either on arrival (nothing has
 * happened yet: no fault decided, no state changed) or after it was processed (the state has
 * changed, the answer is not sent yet: the client cannot know whether its write arrived). A held
 * request goes on when the test releases it; once a gate has captured `count` requests, further
 * matching requests pass it by.
 */
import { z } from 'zod';

export const gateSpecSchema = z
  .object({
    /** GraphQL operation name to match (for example `CreateInvite`). */
    operation: z.string().min(1).optional(),
    /** HTTP method to match (for SCIM: `PATCH`, `DELETE`, …). */
    method: z.string().min(1).optional(),
    /** Path prefix to match (for example `/scim/Users`). */
    pathPrefix: z.string().startsWith('/').optional(),
    /** How many matching requests to capture. */
    count: z.int().min(1),
    /** `arrival`: before anything happens; `answer`: processed, answer held. */
    phase: z.enum(['arrival', 'answer']).default('arrival'),
  })
  .strict();

export type GateSpec = z.input<typeof gateSpecSchema>;

export interface GateRequest {
  kind: 'graphql' | 'scim' | 'audit-logs';
  method: string;
  path: string;
  operationName: string | null;
}

/** What a test holds: counts, a wait for the next held request, and release. */
export interface Gate {
  readonly id: number;
  readonly spec: z.output<typeof gateSpecSchema>;
  /** Requests captured so far (held or already released). */
  readonly captured: number;
  /** Requests held right now. */
  readonly held: number;
  /** Held requests whose client has gone away (connection or stream closed) while held. */
  readonly abandoned: number;
  /** Resolves once `n` requests are held at the same time. */
  waitForHeld(n: number): Promise<void>;
  /** Resolves once `n` held requests have been abandoned by their client (a stopped worker, a closed tab). */
  waitForAbandoned(n: number): Promise<void>;
  /** Lets the `n` oldest held requests go on (all of them by default). */
  release(n?: number): number;
  /** Releases every held request and stops capturing. */
  open(): void;
}

interface Waiter {
  n: number;
  what: 'held' | 'abandoned';
  resolve: () => void;
}

interface Held {
  go: () => void;
  abandoned: boolean;
}

/** Calls back once if the client of a request goes away before it is answered. */
export type OnClientGone = (callback: () => void) => void;

class GateImpl implements Gate {
  readonly spec: z.output<typeof gateSpecSchema>;
  captured = 0;
  private readonly queue: Held[] = [];
  private readonly waiters: Waiter[] = [];
  private closed = false;

  constructor(
    readonly id: number,
    spec: GateSpec,
  ) {
    this.spec = gateSpecSchema.parse(spec);
  }

  get held(): number {
    return this.queue.length;
  }

  get abandoned(): number {
    return this.queue.filter((held) => held.abandoned).length;
  }

  matches(request: GateRequest, phase: 'arrival' | 'answer'): boolean {
    const { operation, method, pathPrefix } = this.spec;
    if (this.closed || this.captured >= this.spec.count || this.spec.phase !== phase) return false;
    if (operation !== undefined && request.operationName !== operation) return false;
    if (method !== undefined && request.method.toUpperCase() !== method.toUpperCase()) return false;
    if (pathPrefix !== undefined && !request.path.startsWith(pathPrefix)) return false;
    return true;
  }

  capture(onClientGone?: OnClientGone): Promise<void> {
    this.captured++;
    const held = new Promise<void>((resolve) => {
      const entry: Held = { go: resolve, abandoned: false };
      this.queue.push(entry);
      onClientGone?.(() => {
        if (!this.queue.includes(entry)) return;
        entry.abandoned = true;
        this.wake();
      });
    });
    this.wake();
    return held;
  }

  private count(what: Waiter['what']): number {
    return what === 'held' ? this.held : this.abandoned;
  }

  private wake(): void {
    for (const waiter of this.waiters.filter((w) => this.count(w.what) >= w.n)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  private waitFor(what: Waiter['what'], n: number): Promise<void> {
    if (this.count(what) >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, what, resolve }));
  }

  waitForHeld(n: number): Promise<void> {
    return this.waitFor('held', n);
  }

  waitForAbandoned(n: number): Promise<void> {
    return this.waitFor('abandoned', n);
  }

  release(n = this.queue.length): number {
    const released = this.queue.splice(0, n);
    for (const held of released) held.go();
    return released.length;
  }

  open(): void {
    this.closed = true;
    this.release();
  }

  describe() {
    return {
      id: this.id,
      ...this.spec,
      captured: this.captured,
      held: this.held,
      abandoned: this.abandoned,
      open: this.closed,
    };
  }
}

/** The simulator's set of gates. */
export class Gates {
  private readonly gates: GateImpl[] = [];
  private nextId = 1;

  add(spec: GateSpec): Gate {
    const gate = new GateImpl(this.nextId++, spec);
    this.gates.push(gate);
    return gate;
  }

  get(id: number): Gate | undefined {
    return this.gates.find((gate) => gate.id === id);
  }

  /** Holds the request at `phase` if a gate captures it (the first matching gate). */
  async pass(request: GateRequest, phase: 'arrival' | 'answer', onClientGone?: OnClientGone): Promise<void> {
    const gate = this.gates.find((g) => g.matches(request, phase));
    if (gate) await gate.capture(onClientGone);
  }

  /** Releases everything and forgets every gate (server close, or a test's clean slate). */
  openAll(): void {
    for (const gate of this.gates) gate.open();
    this.gates.length = 0;
  }

  list() {
    return this.gates.map((gate) => gate.describe());
  }
}
