// id: proc-kill-victim-js
// category: process
// tries: JavaScript: SIGTERM and SIGKILL two processes outside the jail (process.kill): one of the caller, one running as the jail's own uid
// expect: blocked
// layers: pidns landlock
// needs: victim
"use strict";
const A = Object.fromEntries(process.argv.slice(2).filter((a) => a.includes("="))
	.map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]));
const targets = ["victim", "victim65534"].filter((k) => /^[0-9]+$/.test(A[k] || ""));
if (targets.length === 0) {
	console.log("LANGJAIL-SETUP-ERROR: no victim pids given");
	process.exit(1);
}
let hits = 0;
const notes = [];
for (const key of targets) {
	const pid = Number(A[key]);
	if (pid === process.pid)
		continue;
	for (const sig of ["SIGTERM", "SIGKILL"]) {
		try {
			process.kill(pid, sig);
			hits++;
			console.log(`LANGJAIL-ESCAPED: sent ${sig} to ${key} (pid ${pid})`);
		} catch (e) {
			notes.push(`${key} ${sig}: ${e.code}`);
		}
	}
}
if (hits === 0)
	console.log("LANGJAIL-BLOCKED: " + notes.join("; "));
