<?php
# id: write-world-writable-php
# category: write
# tries: PHP: create a file, a directory and a symlink in a world-writable (1777) host directory outside /tmp
# expect: blocked
# layers: landlock mac
# needs: canary
$A = [];
foreach (array_slice($argv, 1) as $a) {
	$kv = explode("=", $a, 2);
	if (count($kv) === 2)
		$A[$kv[0]] = $kv[1];
}
if (!isset($A["wwdir"])) {
	echo "LANGJAIL-SETUP-ERROR: no wwdir= argument\n";
	exit(1);
}
$base = $A["wwdir"] . "/ljx-" . ($A["run"] ?? "x");
$hits = 0;
$notes = [];
$tries = [
	"created a file" => fn() => @file_put_contents($base, "ljx\n") !== false,
	"created a directory" => fn() => @mkdir($base . "-dir"),
	"created a symlink" => fn() => @symlink("/etc/passwd", $base . "-link"),
];
foreach ($tries as $what => $f) {
	if ($f()) {
		$hits++;
		echo "LANGJAIL-ESCAPED: $what in {$A["wwdir"]}\n";
	} else {
		$notes[] = "$what: " . (error_get_last()["message"] ?? "failed");
	}
}
if ($hits === 0)
	echo "LANGJAIL-BLOCKED: {$A["wwdir"]} is not writable from the jail (", implode("; ", $notes), ")\n";
