// The room chat's public interface, typed once and shared by the server and the page.
// Event names, payloads and acks are a contract: this is lab 07's file, the very same events, now on Redis.

/** A room as clients see it. `id` comes from a Redis counter (INCR); `online` adds up every live node's presence. */
export interface Room {
  id: number;
  name: string;
  /** The username that created it: the only one who may close it. */
  owner: string;
  /** ISO 8601, e.g. "2025-01-31T09:30:00.000Z". */
  createdAt: string;
  /** Distinct usernames with at least one socket in the room. */
  online: number;
}

export interface Message {
  id: number;
  roomId: number;
  /** Always the sender's handshake username, never a payload field. */
  author: string;
  text: string;
  createdAt: string;
}

/** Every ack answers either `{ ok: true, ...result }` or `{ ok: false, error }`. */
export type Answer<Result extends object = {}> = ({ ok: true } & Result) | { ok: false; error: string };
export type Ack<Result extends object = {}> = (answer: Answer<Result>) => void;

export interface RoomRef {
  roomId: number;
}

export interface ServerToClientEvents {
  /** To every client after a room is created or closed: the full room list, oldest first. */
  'rooms:changed': (rooms: Room[]) => void;
  /** To everyone in the room after a join, a leave or a disconnect. */
  'room:presence': (presence: { roomId: number; online: number }) => void;
  /** To everyone in the room, the sender included. */
  'message:new': (message: Message) => void;
  /** To the members of a room its owner just closed; they are out of it already. */
  'room:closed': (closed: RoomRef) => void;
}

export interface ClientToServerEvents {
  'room:create': (payload: { name: string }, ack: Ack<{ room: Room }>) => void;
  'room:list': (ack: Ack<{ rooms: Room[] }>) => void;
  /** `history` is the room's last 50 messages, oldest first. */
  'room:join': (payload: RoomRef, ack: Ack<{ room: Room; history: Message[]; online: number }>) => void;
  'room:leave': (payload: RoomRef, ack: Ack) => void;
  'message:send': (payload: { roomId: number; text: string }, ack: Ack<{ message: Message }>) => void;
  'room:close': (payload: RoomRef, ack: Ack) => void;
}

/** What the server keeps on each socket (socket.data): set once, by the handshake middleware. */
export interface SocketData {
  username: string;
}

/** The handshake's `auth: { username }`: 1 to 32 letters, digits, "_" or "-". */
export const USERNAME = /^[A-Za-z0-9_-]{1,32}$/;

export const ROOM_NAME_MAX = 64;
export const MESSAGE_MAX = 2000;
export const HISTORY_LIMIT = 50;
