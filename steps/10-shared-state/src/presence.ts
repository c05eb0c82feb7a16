// Who is online, in Redis: each node writes its own part, a hash with a TTL, and rewrites it on a
// heartbeat; a count adds up the live parts. A node that dies stops beating, and its part expires.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { createClient } from 'redis';
import { STORE_DOWN } from './events.ts';
import type { LabServer } from './events.ts';
import type { openStore } from './store.ts';

/** What one node reports: its port (for the page's links) and who is in each room on it. */
export interface NodePresence {
  port: number;
  /** room id → the distinct usernames with a socket in that room on this node */
  rooms: Map<number, string[]>;
}

/** A node rewrites its presence every HEARTBEAT_MS; Redis drops it PRESENCE_TTL_MS after the last one. */
export const HEARTBEAT_MS = 1000;
export const PRESENCE_TTL_MS = 4000;

export const PRESENCE_KEY = {
  nodes: 'lab10:nodes',
  node: (nodeId: string) => `lab10:node:${nodeId}`,
};

/** The presence half of the store, on its connection; `afterWrite` runs after each write (the store's epoch check). */
export function presenceIn(redis: ReturnType<typeof createClient>, afterWrite: () => Promise<void>) {
  /**
   * Writes this node's presence as a whole, and gives it a TTL: if the node dies, nobody
   * cleans up after it, Redis simply forgets it PRESENCE_TTL_MS later. A counter that a
   * crash leaves wrong forever is what this replaces. Each write also checks the epoch.
   */
  async function savePresence(nodeId: string, presence: NodePresence) {
    const fields: Record<string, string> = { port: String(presence.port) };
    for (const [roomId, usernames] of presence.rooms) fields[`room:${roomId}`] = JSON.stringify(usernames);
    // One MULTI: the node's hash replaced as a whole, its TTL, and the node listed.
    await redis
      .multi()
      .del(PRESENCE_KEY.node(nodeId))
      .hSet(PRESENCE_KEY.node(nodeId), fields)
      // #region practice 10.2: give this node's presence a TTL, so that Redis forgets it by itself if the node dies
      // 任务: 给这个节点的在线状态设置 TTL，这样节点死掉时 Redis 会自己忘掉它
      // hint: A killed node cleans up nothing: its hash must expire on its own. Redis's PEXPIRE sets a time to live in milliseconds, here PRESENCE_TTL_MS.
      // 提示: 被杀掉的节点什么也不会清理：它的 hash 必须自己过期。Redis 的 PEXPIRE 以毫秒设置存活时间，这里是 PRESENCE_TTL_MS。
      // hint: .pExpire(PRESENCE_KEY.node(nodeId), PRESENCE_TTL_MS)
      // 提示: 答案：.pExpire(PRESENCE_KEY.node(nodeId), PRESENCE_TTL_MS)
      .pExpire(PRESENCE_KEY.node(nodeId), PRESENCE_TTL_MS)
      // #endregion
      .sAdd(PRESENCE_KEY.nodes, nodeId)
      .exec();
    await afterWrite();
  }

  /** Every live node's presence. A node whose hash has expired is dead, and left out. */
  async function livePresence(): Promise<Map<string, NodePresence>> {
    const nodeIds = await redis.sMembers(PRESENCE_KEY.nodes);
    const hashes = await Promise.all(nodeIds.map((nodeId) => redis.hGetAll(PRESENCE_KEY.node(nodeId))));
    const live = new Map<string, NodePresence>();
    nodeIds.forEach((nodeId, i) => {
      const { port, ...fields } = hashes[i]!;
      if (port === undefined) return;
      const rooms = new Map<number, string[]>();
      for (const [field, json] of Object.entries(fields)) rooms.set(Number(field.slice('room:'.length)), JSON.parse(json));
      live.set(nodeId, { port: Number(port), rooms });
    });
    return live;
  }

  /** room id → distinct usernames online across every live node. Two tabs of one user count once. */
  async function online(): Promise<Map<number, number>> {
    const usernames = new Map<number, Set<string>>();
    for (const node of (await livePresence()).values()) {
      for (const [roomId, names] of node.rooms) {
        const set = usernames.get(roomId) ?? new Set<string>();
        for (const name of names) set.add(name);
        usernames.set(roomId, set);
      }
    }
    return new Map([...usernames].map(([roomId, set]) => [roomId, set.size]));
  }

  /**
   * Takes the nodes whose presence has expired (they died) off the list, and says how many
   * THIS call removed: when several nodes look at once, SREM lets only one of them count each.
   */
  async function forgetDeadNodes(): Promise<number> {
    const nodeIds = await redis.sMembers(PRESENCE_KEY.nodes);
    const exists = await Promise.all(nodeIds.map((nodeId) => redis.exists(PRESENCE_KEY.node(nodeId))));
    const dead = nodeIds.filter((_, i) => exists[i] === 0);
    return dead.length > 0 ? redis.sRem(PRESENCE_KEY.nodes, dead) : 0;
  }

  /** The node is leaving on purpose: drop its presence now rather than in PRESENCE_TTL_MS. */
  async function forgetNode(nodeId: string) {
    await redis.multi().del(PRESENCE_KEY.node(nodeId)).sRem(PRESENCE_KEY.nodes, nodeId).exec();
  }

  return { savePresence, livePresence, online, forgetDeadNodes, forgetNode };
}

/**
 * This node's part, kept true: savePresence() after each join, leave and disconnect, and a heartbeat
 * that rewrites it before its TTL runs out; GET /nodes lists the live nodes for the page. A node killed with SIGKILL stops beating; the live
 * nodes notice on their next beat (onDeadNodes), and stop() drops this node's part at once.
 */
export function trackPresence(
  io: LabServer,
  store: Awaited<ReturnType<typeof openStore>>,
  app: Express,
  onDeadNodes: () => Promise<void>,
) {
  // This node, as the others and the page see it.
  const nodeId = randomUUID().slice(0, 8);
  const port = () => (io.httpServer.address() as AddressInfo | null)?.port ?? 0;

  /** Who is in each room on THIS node (the adapter's local rooms): `leaving` is a socket on its way out. */
  function localPresence(leaving?: string): NodePresence {
    const rooms = new Map<number, string[]>();
    for (const [name, socketIds] of io.of('/').adapter.rooms) {
      if (!name.startsWith('room:')) continue;
      const usernames = [...socketIds].filter((id) => id !== leaving).map((id) => io.of('/').sockets.get(id)?.data.username);
      const distinct = new Set(usernames.filter((username) => username !== undefined));
      if (distinct.size > 0) rooms.set(Number(name.slice('room:'.length)), [...distinct]);
    }
    return { port: port(), rooms };
  }
  const savePresence = (leaving?: string) => store.savePresence(nodeId, localPresence(leaving));

  // #region practice 10.3: rewrite this node's presence every HEARTBEAT_MS, before its TTL runs out
  // 任务: 每隔 HEARTBEAT_MS 重写一次这个节点的在线状态，赶在它的 TTL 到期之前
  // hint: A TTL forgets a node that stops beating, so a live node must beat: a timer that calls beat() again and again. A failed beat (Redis away) is tried again on the next one.
  // 提示: TTL 会忘掉停止心跳的节点，所以活着的节点必须一直跳：一个反复调用 beat() 的定时器。失败的一次心跳（Redis 不在）在下一次重试。
  // hint: const heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  // 提示: 答案：const heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  // stub: const heartbeat = undefined;
  const heartbeat = setInterval(() => void beat().catch(() => {}), HEARTBEAT_MS);
  // #endregion
  async function beat() {
    await savePresence();
    if ((await store.forgetDeadNodes()) > 0) await onDeadNodes();
  }
  io.httpServer.once('listening', () => void savePresence().catch(() => {}));

  // Which node am I on, and where are the others? The page links to each.
  app.get('/nodes', async (_req, res) => {
    try {
      const live = await store.livePresence();
      res.json({ self: nodeId, nodes: [...live].map(([id, node]) => ({ id, port: node.port })) });
    } catch {
      res.status(503).json({ self: nodeId, nodes: [], error: STORE_DOWN });
    }
  });

  async function stop() {
    clearInterval(heartbeat);
    await store.forgetNode(nodeId).catch(() => {});
  }
  return { nodeId, savePresence, stop };
}
