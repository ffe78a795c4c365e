// id: write-world-writable-js
// category: write
// tries: JavaScript: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp
// expect: blocked
// layers: landlock mac
// needs: canary
"use strict";
const fs = require("fs");

const A = Object.fromEntries(process.argv.slice(2).filter((a) => a.includes("="))
	.map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]));
if (!A.wwdir) {
	console.log("LANGJAIL-SETUP-ERROR: no wwdir= argument");
	process.exit(1);
}
const base = `${A.wwdir}/ljx-${A.run || "x"}`;
let hits = 0;
const notes = [];
const tries = [
	["created a file", () => fs.writeFileSync(base, "ljx\n", { flag: "wx" })],
	["created a directory", () => fs.mkdirSync(base + "-dir")],
	["created a symlink", () => fs.symlinkSync("/etc/passwd", base + "-link")],
];
for (const [what, f] of tries) {
	try {
		f();
		hits++;
		console.log(`LANGJAIL-ESCAPED: ${what} in ${A.wwdir}`);
	} catch (e) {
		notes.push(`${what}: ${e.code}`);
	}
}
if (hits === 0)
	console.log(`LANGJAIL-BLOCKED: ${A.wwdir} is not writable from the jail (${notes.join("; ")})`);
