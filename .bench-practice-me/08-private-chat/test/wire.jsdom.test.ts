// The wire panel on the real page in jsdom: another user's session id never reaches this page.
import { eventually, openPage, useLab, useTempDir } from '@labs/shared/testing';
import { panelLine, panelLines, wirePanel } from '@labs/shared/wire/testing';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attach, type LabServer } from '../src/server.ts';
import { comeBack, newName, signUp } from './helpers.ts';

const tmp = useTempDir('lab08-wire-');
const lab = useLab({
  labDir: new URL('..', import.meta.url),
  attach: (io: LabServer) => attach(io, { dbFile: join(tmp.path, 'chat.db') }),
});

describe('lab 08 wire panel in jsdom', () => {
  it("a second user's session id never appears in the first user's panel, which shows its own", async () => {
    const { window } = await openPage(lab.url);
    const { document } = window;
    const name = newName('wanda');
    await eventually(() => !document.querySelector<HTMLFormElement>('#login')!.hidden, 'the sign-in form');
    document.querySelector<HTMLInputElement>('#username')!.value = name;
    document.querySelector<HTMLButtonElement>('#sign-in')!.click();
    await eventually(() => document.querySelector('#me')!.textContent === `Signed in as ${name}`, 'the page signed in');
    const mine = window.localStorage.getItem('lab08.sessionId')!;

    // Another user signs up, then comes back with the session id as handshake auth.
    const other = await signUp(lab.url, 'walt');
    other.socket.disconnect();
    const back = await comeBack(lab.url, other.session);
    const theirs = other.session.sessionId;

    const session = await panelLine(
      document,
      (l) =>
        l.side === 'server' &&
        l.dir === 'out' &&
        l.packet.includes(`"username":"${other.session.username}"`) &&
        l.packet.startsWith('42["session"'),
      "the server writing the other user's session",
    );
    expect(session.packet).toBe(
      `42["session",{"sessionId":"•••","userId":${other.session.userId},"username":"${other.session.username}"}]`,
    );
    const connect = await panelLine(
      document,
      (l) => l.side === 'server' && l.dir === 'in' && l.packet === '40{"sessionId":"•••"}',
      "the other user's CONNECT with its session",
    );
    expect(connect.peers).toBe('from a connection');
    await panelLine(
      document,
      (l) => l.side === 'server' && l.peers.includes(back.socket.id!.slice(0, 6)),
      'a line about the returning socket',
    );
    // This page's own session id is on its panel, from both sides: it is this page's to see.
    expect(panelLines(document).some((l) => l.side === 'client' && l.dir === 'in' && l.packet.includes(mine))).toBe(true);
    expect(panelLines(document).some((l) => l.side === 'server' && l.dir === 'out' && l.packet.includes(mine))).toBe(true);
    expect(wirePanel(document)!.textContent).not.toContain(theirs);
  });
});
