// The bench draws its own chart: one row per comparison, a bar at the median ratio, a whisker from
// the lowest to the highest repetition, a line at 1 (as cheap as the twin) and, for the labs, one
// at the 1.05 target. Plain SVG text, so that git diffs it and any browser shows it.
import { median, type ComparisonResult } from './side-by-side.ts';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function chart(title: string, results: ComparisonResult[], machine: string, target?: number): string {
  const rowHeight = 34;
  const labels = results.map(({ comparison, n }) => `${comparison.title}, N = ${n.toLocaleString('en')}`);
  // Room for the longest label at about 7 px a character (13 px system-ui).
  const left = Math.max(200, Math.round(24 + 7 * Math.max(...labels.map((label) => label.length))));
  const barWidth = 420;
  const right = 300;
  const top = 56;
  const width = left + barWidth + right;
  const height = top + rowHeight * results.length + 56;
  const ratios = results.flatMap((r) => r.reps.map((rep) => rep.ratio));
  const max = Math.max(1.5, Math.ceil((Math.max(...ratios) + 0.05) * 10) / 10);
  const x = (ratio: number) => Math.round((left + (ratio / max) * barWidth) * 10) / 10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="16" y="26" font-size="16" font-weight="600">${escapeXml(title)}</text>`,
    `<text x="16" y="44" fill="#555">server CPU per delivered message, A / B: median of the repetitions, whisker from min to max</text>`,
  ];
  for (const tick of [0, 0.5, 1, 1.5, 2, 2.5, 3].filter((t) => t <= max)) {
    parts.push(
      `<line x1="${x(tick)}" x2="${x(tick)}" y1="${top - 4}" y2="${top + rowHeight * results.length}" stroke="${tick === 1 ? '#222' : '#ddd'}"/>`,
    );
    parts.push(
      `<text x="${x(tick)}" y="${top + rowHeight * results.length + 16}" text-anchor="middle" fill="#555">${tick}</text>`,
    );
  }
  if (target) {
    parts.push(
      `<line x1="${x(target)}" x2="${x(target)}" y1="${top - 4}" y2="${top + rowHeight * results.length}" stroke="#c33" stroke-dasharray="4 3"/>`,
    );
    parts.push(`<text x="${x(target) + 4}" y="${top + 8}" fill="#c33">target ${target}</text>`);
  }
  results.forEach(({ comparison, n, reps }, row) => {
    const y = top + row * rowHeight;
    const values = reps.map((rep) => rep.ratio);
    const mid = median(values);
    const a = median(reps.map((rep) => rep.a.usPerDelivery));
    const b = median(reps.map((rep) => rep.b.usPerDelivery));
    parts.push(
      `<text x="${left - 10}" y="${y + 21}" text-anchor="end">${escapeXml(`${comparison.title}, N = ${n.toLocaleString('en')}`)}</text>`,
    );
    parts.push(
      `<rect x="${left}" y="${y + 8}" width="${x(mid) - left}" height="18" fill="${target && mid > target ? '#e8a33d' : '#4a7fc1'}"/>`,
    );
    const whiskerY = y + 17;
    parts.push(
      `<line x1="${x(Math.min(...values))}" x2="${x(Math.max(...values))}" y1="${whiskerY}" y2="${whiskerY}" stroke="#222" stroke-width="2"/>`,
    );
    for (const end of [Math.min(...values), Math.max(...values)]) {
      parts.push(
        `<line x1="${x(end)}" x2="${x(end)}" y1="${whiskerY - 6}" y2="${whiskerY + 6}" stroke="#222" stroke-width="2"/>`,
      );
    }
    const label = `${mid.toFixed(2)} [${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)}]   ${a.toFixed(1)} vs ${b.toFixed(1)} µs`;
    parts.push(`<text x="${left + barWidth + 12}" y="${y + 21}">${escapeXml(label)}</text>`);
  });
  parts.push(`<text x="16" y="${height - 14}" fill="#555" font-size="11">${escapeXml(`Measured on ${machine}.`)}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
