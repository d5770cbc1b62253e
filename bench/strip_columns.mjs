// strip_columns.mjs — copy a CSV from stdin to stdout without the named columns
// (RFC 4180 quoting kept). The bench imports an export into a fresh database, where the
// source's partner ids and channel-manager ids mean nothing.
//   node strip_columns.mjs id,manager_id < in.csv > out.csv
import { readFileSync, writeSync } from 'node:fs';

const drop = new Set(process.argv[2].split(','));
const text = readFileSync(0, 'utf8');
let keep = null;
let row = [], quoted = false, raw = "";
const out = [];

function endCell() {
	row.push(raw);
	raw = '';
}
function endRow() {
	if (keep === null) keep = row.map((h) => !drop.has(h.replace(/^"|"$/g, '')));
	out.push(row.filter((_, i) => keep[i]).join(','));
	row = [];
}
for (let i = 0; i < text.length; i++) {
	const c = text[i];
	if (quoted) {
		raw += c;
		if (c === '"') {
			if (text[i + 1] === '"') raw += text[++i];
			else quoted = false;
		}
	} else if (c === '"') {
		quoted = true;
		raw += c;
	} else if (c === ',') {
		endCell();
	} else if (c === '\n' || c === '\r') {
		if (c === '\r' && text[i + 1] === '\n') i++;
		endCell();
		endRow();
	} else {
		raw += c;
	}
}
if (raw.length || row.length) {
	endCell();
	endRow();
}
writeSync(1, out.join('\r\n') + '\r\n');
