// The post's client: it sends "connect once" on connect and logs what comes back.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
showWire(socket); // the wire panel under the page: every packet, on both sides

const log = document.querySelector<HTMLUListElement>('#log')!;
const text = document.querySelector<HTMLInputElement>('#text')!;

/** One <li> per received event. */
function show(kind: 'message' | 'ceshi', label: string, value: unknown) {
  const line = document.createElement('li');
  line.dataset.kind = kind;
  // #region practice 01.3: show the line as text, "label: value" (a non-string as JSON), so HTML stays harmless
  // 任务: 把这一行当作纯文本显示，格式为 "label: value"（非字符串用 JSON），这样消息里的 HTML 就不会生效
  // hint: What a server relays came from someone else's keyboard. Which DOM property sets text without parsing it as HTML?
  // 提示: 服务器转发的内容来自别人的键盘。哪个 DOM 属性只设置文本、不把它当作 HTML 解析？
  // hint: line.textContent = `${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
  // 提示: 答案：line.textContent = `${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
  line.textContent = `${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
  // #endregion
  log.append(line);
}

// As in the post: say hello once the connection is up.
socket.on('connect', () => socket.send('connect once'));

socket.on('message', (value) => show('message', 'unnamed (无名)', value));
socket.on('ceshi', (value) => show('ceshi', 'named (有名)', value));

// "send" is the unnamed way...
document.querySelector('#composer')!.addEventListener('submit', (event) => {
  event.preventDefault();
  socket.send(text.value);
});
// ...and emit('message', …) is the same packet, written out by name.
document.querySelector('#emit')!.addEventListener('click', () => {
  socket.emit('message', text.value);
});
