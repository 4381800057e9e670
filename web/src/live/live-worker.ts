import { EventStream, type LiveEvent, type LiveState } from './event-stream';

/**
 * The browser's one live stream, shared by every tab of the console (a SharedWorker). A browser
 * opens at most six connections to a server over HTTP/1.1; with a stream per tab, six tabs left
 * none for anything else and a seventh did not load at all. Tabs join with the user they are
 * signed in as; each user has one stream, which closes when that user's last tab leaves. A tab
 * that closes without leaving is forgotten when the browser reports its port closed, or with the
 * worker when the browser's last console tab is gone.
 */

export type TabMessage = { kind: 'join'; url: string; scope: string } | { kind: 'leave' };
export type WorkerMessage = { kind: 'state'; state: LiveState } | { kind: 'event'; event: LiveEvent };

interface Shared {
  stream: EventStream;
  ports: Set<MessagePort>;
}

const streams = new Map<string, Shared>();
const scopeOf = new Map<MessagePort, string>();

function join(port: MessagePort, url: string, scope: string): void {
  leave(port);
  let shared = streams.get(scope);
  if (!shared) {
    const ports = new Set<MessagePort>();
    const send = (message: WorkerMessage) => {
      for (const each of ports) each.postMessage(message);
    };
    const stream = new EventStream(url, { onEvent: (event) => send({ kind: 'event', event }), onState: (state) => send({ kind: 'state', state }) });
    shared = { stream, ports };
    streams.set(scope, shared);
  }
  shared.ports.add(port);
  scopeOf.set(port, scope);
  port.postMessage({ kind: 'state', state: shared.stream.current } satisfies WorkerMessage);
  shared.stream.open();
}

function leave(port: MessagePort): void {
  const scope = scopeOf.get(port);
  if (scope === undefined) return;
  scopeOf.delete(port);
  const shared = streams.get(scope);
  if (!shared) return;
  shared.ports.delete(port);
  if (shared.ports.size > 0) return;
  shared.stream.close();
  streams.delete(scope);
}

(globalThis as unknown as { onconnect: (event: MessageEvent) => void }).onconnect = (event) => {
  const port = event.ports[0]!;
  port.onmessage = ({ data }: MessageEvent<TabMessage>) => {
    if (data.kind === 'join') join(port, data.url, data.scope);
    else leave(port);
  };
  // Chromium tells a worker when a tab's port is gone (a tab closed or crashed).
  port.addEventListener('close', () => leave(port));
};
