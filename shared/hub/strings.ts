// Every label the hub shows, in one table per language: English, and Chinese of the same keys.
// `strings` answers in the language of the request being served (?lang=zh|en, else the hub-language
// cookie the 中文 / English toggle sets), so the views read `strings.x` and need no language argument.
import { AsyncLocalStorage } from 'node:async_hooks';

const en = {
  hubTitle: 'Socket.IO Labs',
  hubIntro:
    'Every lab is running. Open one: its notes, two live pages of it side by side, its checkpoints and what it adds to the lab before it.',
  continueAt: 'Continue:',
  allDone: 'Every lab is done. 🎉',
  courseMap: 'Course map',
  cheatSheet: 'Cheat sheet',
  contributing: 'Contributing guide',
  colNumber: '#',
  colLab: 'Lab',
  colConcept: 'Concept',
  colServer: 'Server',
  colProgress: 'Your progress',
  starting: 'starting…',
  up: 'up',
  down: 'down',
  restart: 'restart',
  allLabs: '← all labs',
  prev: '← prev',
  next: 'next →',
  terminal: 'In a terminal:',
  tabNotes: 'Notes',
  tabCheckpoints: 'Checkpoints',
  tabDiff: 'Diff',
  tabCode: 'Code',
  contents: 'Contents',
  left: 'left',
  right: 'right',
  secondNode: '(node 2)',
  reload: 'reload',
  disconnect: 'disconnect',
  reconnect: 'reconnect',
  openInTab: 'open in a tab ↗',
  connected: 'connected',
  disconnected: 'disconnected',
  serve: 'Pages from:',
  solution: 'the solution',
  myCopy: 'my copy',
  noCopy: 'No practice copy yet; this makes one:',
  copyStarting: 'starting your copy…',
  run: 'Run checkpoints',
  running: 'running…',
  watch: 'watch: run again on save',
  checking: 'Grades',
  whatThisAdds: 'What this lab adds',
  firstLab: 'This is the first lab: all of its code is new. See the Code tab.',
  mineVsSolution: 'My copy vs the solution',
  spoilerWarning: 'This shows the solution. Try the hints in Checkpoints first.',
  showIt: 'show it',
  noChanges: 'No differences.',
  practiceRegion: 'practice',
  refused: 'Refused: the code view reads only source files inside steps/, practice/ and shared/.',
  noSuchFile: 'No such file.',
  noSuchLab: 'No such lab.',
  language: '中文',
  noNotes: 'No such notes.',
} as const;

export type StringKey = keyof typeof en;

const zh: Record<StringKey, string> = {
  hubTitle: 'Socket.IO Labs',
  hubIntro: '每个实验都在运行。打开一个：它的笔记、并排的两个实时页面、它的检查点，以及它比上一个实验多了什么。',
  continueAt: '继续：',
  allDone: '所有实验都完成了。🎉',
  courseMap: '课程地图',
  cheatSheet: '速查表',
  contributing: '贡献指南',
  colNumber: '#',
  colLab: '实验',
  colConcept: '概念',
  colServer: '服务器',
  colProgress: '你的进度',
  starting: '启动中…',
  up: '运行中',
  down: '已停止',
  restart: '重启',
  allLabs: '← 所有实验',
  prev: '← 上一个',
  next: '下一个 →',
  terminal: '在终端里：',
  tabNotes: '笔记',
  tabCheckpoints: '检查点',
  tabDiff: '差异',
  tabCode: '代码',
  contents: '目录',
  left: '左',
  right: '右',
  secondNode: '（节点 2）',
  reload: '重新加载',
  disconnect: '断开',
  reconnect: '重连',
  openInTab: '在标签页中打开 ↗',
  connected: '已连接',
  disconnected: '已断开',
  serve: '页面来自：',
  solution: '参考答案',
  myCopy: '我的副本',
  noCopy: '还没有练习副本；这条命令会生成一个：',
  copyStarting: '正在启动你的副本…',
  run: '运行检查点',
  running: '运行中…',
  watch: 'watch：保存时重新运行',
  checking: '检查对象',
  whatThisAdds: '这个实验多了什么',
  firstLab: '这是第一个实验：它的代码全是新的。请看“代码”标签页。',
  mineVsSolution: '我的副本与参考答案的差异',
  spoilerWarning: '这里会显示参考答案。先试试“检查点”里的提示吧。',
  showIt: '显示',
  noChanges: '没有差异。',
  practiceRegion: '练习',
  refused: '拒绝：代码视图只读取 steps/、practice/ 和 shared/ 里的源文件。',
  noSuchFile: '没有这个文件。',
  noSuchLab: '没有这个实验。',
  language: 'English',
  noNotes: '没有这份笔记。',
};

export type HubLanguage = 'en' | 'zh';
export const hubStrings: Record<HubLanguage, Record<StringKey, string>> = { en, zh };

const current = new AsyncLocalStorage<HubLanguage>();

/** Runs `fn` (and everything it awaits) with the hub speaking `language`. */
export function speaking<T>(language: HubLanguage, fn: () => T): T {
  return current.run(language, fn);
}

/** The language of the request being served. */
export function hubLanguage(): HubLanguage {
  return current.getStore() ?? 'en';
}

/** A callback that, whenever it runs (a push to the browser later on), speaks the language it was made in. */
export const inThisLanguage = <F extends (...args: never[]) => unknown>(fn: F): F => AsyncLocalStorage.bind(fn);

/** The labels, in the language of the request being served. */
export const strings: typeof en = new Proxy(en, {
  get: (target, key) => (hubStrings[hubLanguage()] as Record<string | symbol, string>)[key] ?? Reflect.get(target, key),
});
