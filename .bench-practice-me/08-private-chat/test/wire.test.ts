// The wire feed (shared/src/wire) on the private chat: other connections' secrets stay hidden.
import { useLab, useTempDir } from '@labs/shared/testing';
import { watchWire } from '@labs/shared/wire/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attach, type LabServer } from '../src/server.ts';
import { comeBack, signUp } from './helpers.ts';

const tmp = useTempDir('lab08-wire-feed-');
const lab = useLab({
  labDir: new URL('..', import.meta.url),
  attach: (io: LabServer) => attach(io, { dbFile: join(tmp.path, 'chat.db') }),
});

describe('lab 08: the wire feed', () => {
  it("the feed hides other connections' session ids and handshake auth, even the same user's other tab", async () => {
    const amy = await signUp(lab.url, 'amy');
    const feed = await watchWire(amy.socket);
    const bob = await signUp(lab.url, 'bob');
    const amyAgain = await comeBack(lab.url, amy.session);
    const sessionOf = (username: string) =>
      feed.line(
        (l) => l.dir === 'out' && l.text.startsWith('42["session"') && l.text.includes(`"username":"${username}"`),
        `${username}'s session`,
      );

    const bobs = await sessionOf(bob.session.username);
    expect(bobs.text).toBe(
      `42["session",{"sessionId":"•••","userId":${bob.session.userId},"username":"${bob.session.username}"}]`,
    );
    expect(bobs.peers).toEqual([`${bob.socket.id!.slice(0, 6)} (${bob.session.username})`]);
    // A connection, not a name, is what the feed trusts: Amy's other tab is someone else's wire.
    const amys = await sessionOf(amy.session.username);
    expect(amys.text).toContain('"sessionId":"•••"');
    const handshakes = feed.lines.filter((l) => l.dir === 'in' && l.text.startsWith('40'));
    expect(handshakes.map((l) => l.text)).toEqual([`40{"username":"•••"}`, `40{"sessionId":"•••"}`]);
    const everything = JSON.stringify(feed.lines);
    for (const secret of [bob.session.sessionId, amy.session.sessionId]) expect(everything).not.toContain(secret);
    expect(amyAgain.session.userId).toBe(amy.session.userId);
  });
});
