// Checkpoints for the wire panel's feed (shared/src/wire), on this lab's server: what the server
// really read and wrote, who got each packet, and a feed that stays bounded and costs nothing idle.
import { connect, connectError, eventually, openPage, quiet, recordEvents, textsOf, useLab, waitFor } from '@labs/shared/testing';
import { watchWire } from '@labs/shared/wire/testing';
import { describe, expect, it } from 'vitest';
import { attach } from '../src/server.ts';

const labDir = new URL('..', import.meta.url);
const lab = useLab({ labDir, attach });
const short = (sid: string | undefined) => sid!.slice(0, 6);

describe('lab 01: the wire feed', () => {
  it('the feed shows the message the server read from one client and the two packets it wrote to every client', async () => {
    const me = await connect(lab.url);
    const feed = await watchWire(me);
    const other = await connect(lab.url);
    other.send('over the wire');
    await waitFor(me, 'ceshi', { before: quiet });
    const read = await feed.line((l) => l.dir === 'in' && l.text === '42["message","over the wire"]', 'the message read');
    expect(read.peers).toEqual([short(other.id)]);
    const echo = await feed.line((l) => l.dir === 'out' && l.text === '42["message","over the wire"]', 'the echo written');
    expect(echo.peers).toEqual(['you', short(other.id)]);
    const ceshi = await feed.line((l) => l.dir === 'out' && l.text === '42["ceshi","测试"]', 'ceshi written');
    expect(ceshi.peers).toEqual(['you', short(other.id)]);
    expect(feed.lines.every((l) => l.side === 'server')).toBe(true);
  });

  it('the feed never shows the panel its own /_wire packets', async () => {
    const me = await connect(lab.url);
    const feed = await watchWire(me);
    me.send('barrier');
    await waitFor(me, 'ceshi', { before: quiet });
    await feed.line((l) => l.dir === 'out' && l.text === '42["ceshi","测试"]', 'ceshi written');
    expect(feed.lines.filter((l) => l.text.includes('/_wire'))).toEqual([]);
  });

  it('above 200 lines a second the feed counts packets per event instead of listing them', async () => {
    const me = await connect(lab.url);
    const feed = await watchWire(me);
    const sender = await connect(lab.url);
    const heard = recordEvents(sender);
    for (let n = 0; n < 300; n++) sender.send(n);
    // First the lab's own answers, with a barrier; then the feed, which sends its counts once a second.
    const ceshis = () => heard.filter(([event]) => event === 'ceshi').length;
    await eventually(
      () => ceshis() === 300,
      () => `300 ceshi for 300 sends (got ${ceshis()})`,
      { before: quiet },
    );
    // 300 messages read, then 300 echoes and 300 ceshi written to both clients: 1,500 packets.
    const total = () => {
      const listed = feed.lines
        .filter((l) => l.text.startsWith('42['))
        .reduce((sum, l) => sum + l.peers!.length + (l.morePeers ?? 0), 0);
      const counted = feed.counts.reduce(
        (sum, c) => sum + (c.counts['in message'] ?? 0) + (c.counts['out message'] ?? 0) + (c.counts['out ceshi'] ?? 0),
        0,
      );
      return listed + counted;
    };
    await eventually(() => total() === 1500, 'every one of the 1,500 packets, listed or counted', 10_000);
    expect(feed.counts.length).toBeGreaterThan(0);
    const perWindow = new Map<number, number>();
    for (const line of feed.lines) perWindow.set(line.w!, (perWindow.get(line.w!) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(200);
  });

  it('a binary send travels as 451- with a placeholder, then its bytes as a packet of their own', async () => {
    const me = await connect(lab.url);
    const feed = await watchWire(me);
    me.send(Buffer.from('hello'));
    await waitFor(me, 'ceshi', { before: quiet });
    const head = '451-["message",{"_placeholder":true,"num":0}]';
    await feed.line((l) => l.dir === 'out' && l.text === '42["ceshi","测试"]', 'ceshi written');
    // quiet()'s pings (2) and pongs (3) travel too: only the message's packets count here.
    const packets = feed.lines.filter((l) => !['42["ceshi","测试"]', '2', '3'].includes(l.text));
    expect(packets.map((l) => [l.dir, l.text, l.bytes])).toEqual([
      ['in', head, undefined],
      ['in', '<5 bytes>', 5],
      ['out', head, undefined],
      ['out', '<5 bytes>', 5],
    ]);
  });

  it('with no panel connected, no connection carries a wire listener', async () => {
    const me = await connect(lab.url);
    const conn = lab.io.of('/').sockets.get(me.id!)!.conn;
    // The test kit listens too (quiet() counts packets): count only the panel's, onWrite and onRead.
    const wireListeners = (event: string) => conn.listeners(event).filter((fn) => ['onWrite', 'onRead'].includes(fn.name));
    const listeners = () => wireListeners('packetCreate').length + wireListeners('packet').length;
    expect(listeners()).toBe(0);
    const watcher = await connect(lab.url);
    const feed = await watchWire(watcher);
    expect(listeners()).toBe(2);
    feed.close();
    await eventually(() => listeners() === 0, 'the listeners to go with the last panel');
  });
});

describe('lab 01: ping and pong', () => {
  // Every 25 s on this lab; this server pings every 100 ms, so the checkpoint need not wait.
  const quick = useLab({ labDir, attach, serverOptions: { pingInterval: 100 } });

  it('the server pings (2) and the client answers pong (3)', async () => {
    const me = await connect(quick.url);
    const feed = await watchWire(me);
    expect(await feed.line((l) => l.text === '2', 'a ping')).toMatchObject({ dir: 'out', peers: ['you'] });
    expect(await feed.line((l) => l.text === '3', 'a pong')).toMatchObject({ dir: 'in', peers: ['you'] });
  });
});

describe('lab 01: WIRE=0', () => {
  const plain = useLab({ labDir, attach, wire: false });

  it('with WIRE=0 there is no /_wire namespace and no panel, and the page works the same', async () => {
    const refused = await connectError(plain.url, { namespace: '/_wire' });
    expect(refused.message).toBe('Invalid namespace');
    const { window } = await openPage(plain.url);
    const log = window.document.querySelector('#log')!;
    await eventually(() => log.children.length >= 2, 'two lines in #log', { before: quiet });
    expect(textsOf(log, 'li').slice(0, 2)).toEqual(['unnamed (无名): connect once', 'named (有名): 测试']);
    expect(window.document.querySelector('#wire-panel')).toBeNull();
  });
});
