// Helpers for this lab's checkpoints (not a test file). A private chat talks on connect
// (session, users, the offline backlog), so these clients listen BEFORE they connect.
import { ask, createClient, eventually, EXPECT_WITHIN_MS, quiet, recordEvents } from '@labs/shared/testing';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, Message, ServerToClientEvents, Session, UserStatus } from '../src/events.ts';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SignedIn {
  socket: Client;
  session: Session;
  users: UserStatus[];
  /** Every event since the handshake, in order, as [event, ...args]. */
  heard: unknown[][];
}

let count = 0;
/** The tests of a file share one database: every test signs up fresh names. */
export const newName = (base: string) => `${base}${++count}`;

/**
 * Connects with `auth` and resolves once `session` and `users` have arrived.
 * By default it acks every dm:new, as the page does; `{ ack: false }` is a client that never acks.
 */
export function signIn(url: string, auth: object, { ack = true } = {}): Promise<SignedIn> {
  const socket: Client = createClient(url, { auth: { ...auth } });
  const heard = recordEvents(socket);
  if (ack) socket.on('dm:new', (_message, done) => done());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no session and users within ${EXPECT_WITHIN_MS} ms`)), EXPECT_WITHIN_MS);
    socket.once('connect_error', (error) => reject(error));
    socket.once('session', (session) => {
      socket.once('users', (users) => {
        clearTimeout(timer);
        resolve({ socket, session, users, heard });
      });
    });
    socket.connect();
  });
}

/** A brand new user, named `base` plus a number. */
export const signUp = (url: string, base: string) => signIn(url, { username: newName(base) });

/** The same user again, in another tab or after a reconnect. */
export const comeBack = (url: string, session: Session, options?: { ack?: boolean }) =>
  signIn(url, { sessionId: session.sessionId }, options);

/**
 * A barrier: an acked round trip of this socket's own. Its answer comes after everything
 * the server sent this socket before it, so "nothing came" is proven, not guessed. Any acked
 * emit will do, even one the server refuses, as here.
 */
export const roundTrip = (client: SignedIn) => ask(client.socket, 'dm:history', { with: 0 });

/** The dm:new messages among recorded events, in order. */
export const dmsIn = (heard: unknown[][]) =>
  heard.filter(([event]) => event === 'dm:new').map(([, message]) => message as Message);
/** The names of recorded events, in order. */
export const namesIn = (heard: unknown[][]) => heard.map(([event]) => String(event));

/**
 * Resolves once `client` has heard `event` about `userId`. Presence events about other users
 * (an earlier test's users, still leaving) are skipped, whenever they arrive.
 */
export const heardAbout = (client: SignedIn, event: 'user:new' | 'user:online' | 'user:offline', userId: number) =>
  eventually(() => aboutUser(client.heard, userId).some(([name]) => name === event), `${event} for user ${userId}`, {
    before: quiet,
  });

/** The presence events (user:new, user:online, user:offline) about one user, in order. */
export const aboutUser = (heard: unknown[][], userId: number) =>
  heard.filter(([event, who]) => String(event).startsWith('user:') && (who as { userId?: number })?.userId === userId);
