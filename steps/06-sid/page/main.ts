// One connection, one sid on screen, and a reconnect button to watch it change.
import { io, type Socket } from 'socket.io-client';
import { showWire } from '@labs/shared/wire/page';
import type { Answer, ClientToServerEvents, ServerToClientEvents } from '../src/events.ts';

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io();
showWire(socket); // the wire panel under the page: every packet, on both sides

const sid = document.querySelector<HTMLElement>('#sid')!;
const users = document.querySelector<HTMLUListElement>('#users')!;
const log = document.querySelector<HTMLUListElement>('#log')!;
const me = document.querySelector<HTMLParagraphElement>('#me')!;
const error = document.querySelector<HTMLParagraphElement>('#error')!;
const input = (id: string) => document.querySelector<HTMLInputElement>(`#${id}`)!;

/** The name this tab registered, kept across reconnects: the sid is not. */
let myName: string | undefined;

const showAnswer = (answer: Answer) => (error.textContent = answer.ok ? '' : answer.error);

function register(username: string) {
  socket.emit('register', { username }, (answer) => {
    showAnswer(answer);
    if (!answer.ok) return;
    myName = username;
    me.textContent = `registered as ${username} on sid ${answer.sid}`;
  });
}

socket.on('connect', () => {
  // #region practice 06.5: show this connection's sid on the page
  // 任务: 在页面上显示这个连接的 sid
  // hint: The client knows its sid once connected: it is a property of the socket.
  // 提示: 客户端一连上就知道自己的 sid：它是 socket 的一个属性。
  // hint: sid.textContent = socket.id ?? '';
  // 提示: 答案：sid.textContent = socket.id ?? '';
  sid.textContent = socket.id ?? '';
  // #endregion

  // #region practice 06.6: after a reconnect, register the name again so the table points at the new sid
  // 任务: 重连之后再注册一次名字，让用户表指向新的 sid
  // hint: The user table still names the old sid, or nothing at all. Tell the server again who this tab is, as the post does on every connection.
  // 提示: 用户表里记着的还是旧的 sid，或者什么都没有。再告诉服务器一次这个标签页是谁，就像原文在每次连接时做的那样。
  // hint: if (myName !== undefined) register(myName);
  // 提示: 答案：if (myName !== undefined) register(myName);
  if (myName !== undefined) register(myName);
  // #endregion
});
socket.on('disconnect', () => (sid.textContent = '(disconnected)'));

socket.on('users', (names) => {
  users.replaceChildren(
    ...names.map((name) => {
      const item = document.createElement('li');
      item.textContent = name;
      return item;
    }),
  );
});

socket.on('direct', ({ from, text }) => {
  const line = document.createElement('li');
  line.textContent = `${from}: ${text}`;
  log.append(line);
});

document.querySelector('#register')!.addEventListener('submit', (event) => {
  event.preventDefault();
  register(input('username').value);
});

document.querySelector('#direct')!.addEventListener('submit', (event) => {
  event.preventDefault();
  socket.emit('direct', { to: input('to').value, text: input('text').value }, showAnswer);
});

// Same tab, same person, new connection: watch the sid change.
document.querySelector('#reconnect')!.addEventListener('click', () => {
  socket.disconnect();
  socket.connect();
});
