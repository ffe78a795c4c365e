// id: net-tcp4-js
// category: network
// tries: JavaScript: connect to a TCP listener the runner owns on 127.0.0.1 and send data (net.connect)
// expect: blocked
// layers: netns landlock seccomp
// needs: listener
"use strict";
const net = require("net");

const A = Object.fromEntries(process.argv.slice(2).filter((a) => a.includes("="))
	.map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]));
if (!A.tcp4) {
	console.log("LANGJAIL-SETUP-ERROR: no tcp4= argument");
	process.exit(1);
}
const payload = `ljx net-tcp4-js ${A.run || ""}\n`;
let s;
try {
	s = net.connect({ host: "127.0.0.1", port: Number(A.tcp4) });
} catch (e) {
	console.log(`LANGJAIL-BLOCKED: net.connect: ${e.code || e.message}`);
	process.exit(0);
}
// never hang: whatever happens, a verdict within 3 s
const timer = setTimeout(() => {
	console.log("LANGJAIL-BLOCKED: no connection within 3 s");
	process.exit(0);
}, 3000);
s.on("connect", () => {
	s.end(payload, () => {
		clearTimeout(timer);
		console.log(`LANGJAIL-ESCAPED: connected to 127.0.0.1:${A.tcp4} and sent ${payload.length} bytes`);
	});
});
s.on("error", (e) => {
	clearTimeout(timer);
	console.log(`LANGJAIL-BLOCKED: connect 127.0.0.1:${A.tcp4}: ${e.code || e.message}`);
});
