<?php
# id: read-shadow-php
# category: read
# tries: PHP: read /etc/shadow and /etc/gshadow (password hashes) with file_get_contents
# expect: blocked
# layers: landlock mac uid
$hits = 0;
$notes = [];
foreach (["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-"] as $path) {
	$data = @file_get_contents($path);
	if ($data !== false) {
		// never print the hashes themselves: the length is proof enough
		$hits++;
		echo "LANGJAIL-ESCAPED: read ", strlen($data), " bytes of $path\n";
	} else {
		$notes[] = "$path: " . (error_get_last()["message"] ?? "failed");
	}
}
if ($hits === 0)
	echo "LANGJAIL-BLOCKED: ", implode("; ", $notes), "\n";
