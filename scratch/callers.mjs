import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const target = process.argv[3];
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const stacks = new Map();
for (const [id, t] of self) { const n = byId.get(id); if (n.callFrame.functionName !== target) continue; const chain = []; let cur = parent.get(id); while (cur !== undefined && chain.length < 12) { const m = byId.get(cur); chain.push(`${m.callFrame.functionName}@${m.callFrame.url.replace(/.*\//, '')}:${m.callFrame.lineNumber}`); cur = parent.get(cur); } const k = chain.join(' < '); stacks.set(k, (stacks.get(k) ?? 0) + t); }
for (const [k, t] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log((t / 1000).toFixed(0), k, '\n');
