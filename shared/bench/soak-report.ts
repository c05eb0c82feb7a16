// The soak report in two languages: docs/reliability.md and its twin docs/zh/reliability.md, written
// by one run from the same figures. Every sentence soak.ts writes is a t(en, zh) pair; a line that is
// only figures (a table row of numbers, a separator, a blank) is one string, the same in both files.
import { cpus, loadavg } from 'node:os';

export type Lang = 'en' | 'zh';
export const LANGS: Lang[] = ['en', 'zh'];

/** One sentence, heading or table row, in both languages. */
export interface Text {
  en: string;
  zh: string;
}
export const t = (en: string, zh: string): Text => ({ en, zh });

/** A scenario's lines of the report, one list per language, line for line. */
export type Lines = Record<Lang, string[]>;

/** The lines of a report in both languages: a plain string is the same in both. */
export function lines(...parts: (string | Text)[]): Lines {
  return {
    en: parts.map((part) => (typeof part === 'string' ? part : part.en)),
    zh: parts.map((part) => (typeof part === 'string' ? part : part.zh)),
  };
}

export interface Section {
  title: Text;
  lines: Lines;
}

export const sectionText = (section: Section, lang: Lang) => `## ${section.title[lang]}\n\n${section.lines[lang].join('\n')}`;

/** The machine, read once, so that both files state the same load average and minute. */
export function machineNow() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown CPU',
    cores: cpu.length,
    node: process.version,
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    busy: loadavg()[0]! > cpu.length / 2,
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  };
}
export type Machine = ReturnType<typeof machineNow>;

/** The text before the first section: title, link to the other language, how and where it was measured. */
export function reportHead(lang: Lang, about: Machine, options: { quick: boolean; pinned: boolean }) {
  const { quick, pinned } = options;
  if (lang === 'en')
    return `# Reliability: the app labs under load and faults

Written by \`npm run soak\`${quick ? ' --quick (10 s load runs, not the full 60 s)' : ''}. Measured on ${about.cpu}, ${about.cores} cores, Node ${about.node}, load average ${about.load} at the start, ${about.date}.
${pinned ? 'Each server ran on core 0 and the load generator on core 1. ' : ''}${about.busy ? "Other work shared this machine's cores while it ran" : "The load generator shared this machine's cores with the servers"}: read latencies as an upper bound. How each figure is taken: \`shared/bench/soak.ts\`; the method of the load runs is the bench's (docs/performance.md).`;
  return `# 可靠性：应用类实验在负载和故障下的表现

[English](../reliability.md)

由 \`npm run soak\`${quick ? ' --quick（负载运行 10 秒，不是完整的 60 秒）' : ''}写出，和英文版出自同一次运行、同一组数字。测量环境：${about.cpu}，${about.cores} 核，Node ${about.node}，开始时平均负载 ${about.load}，${about.date}。${pinned ? '每台服务器运行在 0 号核上，负载生成器运行在 1 号核上。' : ''}${about.busy ? '运行期间还有别的工作在共用这台机器的核' : '负载生成器和服务器共用这台机器的核'}：延迟请当作上限来读。每个数字怎么取：\`shared/bench/soak.ts\`；负载运行的方法和 bench 相同（[performance.md](performance.md)）。`;
}

/** A whole report in one language. */
export const renderReport = (head: string, sections: Section[], lang: Lang) =>
  `${[head, ...sections.map((section) => sectionText(section, lang))].join('\n\n')}\n`;

/** A report split into the text before the first ## heading and its sections (## lines inside code blocks stay put). */
export function splitReport(markdown: string): { head: string; sections: string[] } {
  const parts: string[][] = [[]];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const open = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (line.startsWith(fence) && /^(`+|~+)\s*$/.test(line)) fence = undefined;
    } else if (open) fence = open;
    else if (line.startsWith('## ')) parts.push([]);
    parts[parts.length - 1]!.push(line);
  }
  const [head, ...sections] = parts.map((part) => part.join('\n').trimEnd());
  return { head: head!, sections };
}

const headingOf = (section: string) => section.split('\n')[0]!;

/**
 * `npm run soak -- storm`: replaces only the sections rerun, in both files. A section is found by its
 * heading in that language (the title in this source); when one file's heading was edited since, the
 * other file's position stands in for it, as long as both files have as many sections. A section in
 * neither file is added at the end of both. What cannot be matched is left alone and named in problems.
 */
export function replaceSections(files: Record<Lang, string>, fresh: Section[]) {
  const split = { en: splitReport(files.en), zh: splitReport(files.zh) };
  const problems: string[] = [];
  for (const section of fresh) {
    const aligned = split.en.sections.length === split.zh.sections.length;
    const at = { en: -1, zh: -1 };
    for (const lang of LANGS) at[lang] = split[lang].sections.findIndex((s) => headingOf(s) === `## ${section.title[lang]}`);
    if (aligned && at.en < 0) at.en = at.zh;
    if (aligned && at.zh < 0) at.zh = at.en;
    if (at.en < 0 && at.zh < 0) {
      for (const lang of LANGS) split[lang].sections.push(sectionText(section, lang));
      continue;
    }
    for (const lang of LANGS) {
      if (at[lang] >= 0) split[lang].sections[at[lang]] = sectionText(section, lang);
      else
        problems.push(
          `the ${lang} report has no section "${section.title[lang]}" and not as many sections as the other: that section was not updated there`,
        );
    }
  }
  const join = (lang: Lang) => `${[split[lang].head, ...split[lang].sections].join('\n\n')}\n`;
  return { en: join('en'), zh: join('zh'), problems };
}
