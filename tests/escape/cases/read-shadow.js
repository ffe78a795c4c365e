// id: read-shadow-js
// category: read
// tries: JavaScript: read /etc/shadow and /etc/gshadow (password hashes) with fs.readFileSync
// expect: blocked
// layers: landlock mac uid
"use strict";
const fs = require("fs");

const hits = [];
const notes = [];
for (const path of ["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-"]) {
	try {
		const data = fs.readFileSync(path);
		// never print the hashes themselves: the length is proof enough
		hits.push(path);
		console.log(`LANGJAIL-ESCAPED: read ${data.length} bytes of ${path}`);
	} catch (e) {
		notes.push(`${path}: ${e.code}`);
	}
}
if (hits.length === 0)
	console.log("LANGJAIL-BLOCKED: " + notes.join("; "));
