// id: res-fork-bomb-js
// category: resources
// tries: JavaScript: fork bomb: every process starts copies of itself forever (child_process.spawn); the run must end and the host stay usable
// expect: contained
// layers: cgroup rlimits
// destructive: yes
// args: --procs 32 --wall 10
"use strict";
const { spawn } = require("child_process");

// node has no fork(): each copy is a new node running this file, which
// does the same. The loop never yields, so a failed spawn (its "error"
// event comes on a later tick) only means: try again.
for (;;) {
	try {
		spawn(process.execPath, process.argv.slice(1), { stdio: "ignore" });
	} catch (e) {
		// EAGAIN and friends: keep going
	}
}
