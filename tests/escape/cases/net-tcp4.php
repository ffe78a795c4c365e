<?php
# id: net-tcp4-php
# category: network
# tries: PHP: connect to a TCP listener the runner owns on 127.0.0.1 and send data (stream_socket_client)
# expect: blocked
# layers: netns landlock seccomp
# needs: listener
$A = [];
foreach (array_slice($argv, 1) as $a) {
	$kv = explode("=", $a, 2);
	if (count($kv) === 2)
		$A[$kv[0]] = $kv[1];
}
if (!isset($A["tcp4"])) {
	echo "LANGJAIL-SETUP-ERROR: no tcp4= argument\n";
	exit(1);
}
$payload = "ljx net-tcp4-php " . ($A["run"] ?? "") . "\n";
$s = @stream_socket_client("tcp://127.0.0.1:" . $A["tcp4"], $errno, $errstr, 3);
if ($s === false) {
	echo "LANGJAIL-BLOCKED: connect 127.0.0.1:{$A["tcp4"]}: $errstr ($errno)\n";
	exit(0);
}
$n = fwrite($s, $payload);
fclose($s);
echo "LANGJAIL-ESCAPED: connected to 127.0.0.1:{$A["tcp4"]} and sent $n bytes\n";
