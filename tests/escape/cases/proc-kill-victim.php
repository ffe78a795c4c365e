<?php
# id: proc-kill-victim-php
# category: process
# tries: PHP: SIGTERM and SIGKILL two processes outside the jail: one of the caller, one running as the jail's own uid (posix_kill if loaded, else /usr/bin/kill through proc_open without a shell)
# expect: blocked
# layers: pidns landlock
# needs: victim
$A = [];
foreach (array_slice($argv, 1) as $a) {
	$kv = explode("=", $a, 2);
	if (count($kv) === 2)
		$A[$kv[0]] = $kv[1];
}
$targets = array_filter(["victim", "victim65534"],
	fn($k) => preg_match('/^[0-9]+$/', $A[$k] ?? "") === 1);
if (!$targets) {
	echo "LANGJAIL-SETUP-ERROR: no victim pids given\n";
	exit(1);
}

// php -n loads no posix extension: kill(1) is what a program has left.
function send_signal(int $pid, string $sig, ?string &$why): bool
{
	if (function_exists("posix_kill")) {
		if (posix_kill($pid, constant("SIG" . $sig)))
			return true;
		$why = posix_strerror(posix_get_last_error());
		return false;
	}
	$p = @proc_open(["/usr/bin/kill", "-s", $sig, (string) $pid],
		[0 => ["file", "/dev/null", "r"], 1 => ["pipe", "w"], 2 => ["pipe", "w"]], $pipes);
	if ($p === false) {
		$why = "proc_open: " . (error_get_last()["message"] ?? "failed");
		return false;
	}
	$err = stream_get_contents($pipes[2]);
	fclose($pipes[1]);
	fclose($pipes[2]);
	$rc = proc_close($p);
	$why = "kill exit $rc: " . trim($err);
	return $rc === 0;
}

$hits = 0;
$notes = [];
foreach ($targets as $key) {
	$pid = (int) $A[$key];
	if ($pid === getmypid())
		continue;
	foreach (["TERM", "KILL"] as $sig) {
		if (send_signal($pid, $sig, $why)) {
			$hits++;
			echo "LANGJAIL-ESCAPED: sent SIG$sig to $key (pid $pid)\n";
		} else {
			$notes[] = "$key SIG$sig: $why";
		}
	}
}
if ($hits === 0)
	echo "LANGJAIL-BLOCKED: ", implode("; ", $notes), "\n";
