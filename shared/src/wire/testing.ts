// Test helpers for the wire panel: a node "panel" that subscribes to the feed over a lab socket's
// own connection, and the panel's lines as a jsdom page shows them.
import type { Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import { EXPECT_WITHIN_MS, eventually } from '../testing.ts';
import { WIRE_NAMESPACE, type WireBatch, type WireCounts, type WireLine } from './protocol.ts';

const openWires = new Set<Socket>();
afterEach(() => {
  for (const wire of openWires) wire.disconnect();
  openWires.clear();
});

export interface WireFeed {
  lines: WireLine[];
  counts: WireCounts[];
  /** The first line matching `match`, once it has come. */
  line(match: (line: WireLine) => boolean, what: string): Promise<WireLine>;
  /** Unsubscribes, as closing the panel's page does. */
  close(): void;
}

/**
 * Subscribes to the server's wire feed over `socket`'s own connection, as a page's panel does,
 * so the feed treats `socket` as "you". Resolves once subscribed; closed after the test.
 */
export async function watchWire(socket: Socket): Promise<WireFeed> {
  const wire = socket.io.socket(WIRE_NAMESPACE);
  openWires.add(wire);
  const feed: WireFeed = {
    lines: [],
    counts: [],
    line: (match, what) => eventually(() => feed.lines.find(match), `the wire feed to show ${what}`, EXPECT_WITHIN_MS),
    close: () => wire.disconnect(),
  };
  wire.on('wire', (batch: WireBatch) => {
    feed.lines.push(...batch.lines);
    feed.counts.push(...(batch.counts ?? []));
  });
  await new Promise<void>((resolve, reject) => {
    wire.once('connect', resolve);
    wire.once('connect_error', reject);
    wire.connect();
  });
  return feed;
}

/** A line of the page's panel, as its elements show it. */
export interface PanelLine {
  side: string;
  dir: string;
  packet: string;
  meaning: string;
  peers: string;
  text: string;
}

/** The panel's shadow root in a page (jsdom or the browser's document). */
export function wirePanel(document: Document): ShadowRoot | undefined {
  return document.querySelector('#wire-panel')?.shadowRoot ?? undefined;
}

/** Every packet line the page's wire panel shows, in order. */
export function panelLines(document: Document): PanelLine[] {
  const root = wirePanel(document);
  if (!root) return [];
  // The row's cells in order: time, where, packet, meaning, peers (children, not selectors: cheap).
  return Array.from(root.querySelectorAll<HTMLElement>('[data-wire-packet]'), (row) => ({
    side: row.dataset.side ?? '',
    dir: row.dataset.dir ?? '',
    packet: row.children[2]?.textContent ?? '',
    meaning: row.children[3]?.textContent ?? '',
    peers: row.children[4]?.textContent ?? '',
    text: row.textContent ?? '',
  }));
}

/** The first panel line matching `match`, once the page shows it. */
export function panelLine(document: Document, match: (line: PanelLine) => boolean, what: string): Promise<PanelLine> {
  return eventually(() => panelLines(document).find(match), `the wire panel to show ${what}`);
}
