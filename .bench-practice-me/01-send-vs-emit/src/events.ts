// The events of this lab, typed once and shared by the server and the page,
// so a typo in an event name is a compile error on both sides.

export interface ServerToClientEvents {
  /** What a send() delivers: whatever value the client sent. */
  message: (value: unknown) => void;
  /** The post's named event, always the string "测试" ("test"). */
  ceshi: (text: string) => void;
}

export interface ClientToServerEvents {
  /** A client's send(value), or emit('message', value): they are the same packet. */
  message: (value: unknown) => void;
}
