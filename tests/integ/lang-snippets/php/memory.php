<?php
$hog = [];
for (;;) {
	$hog[] = str_repeat("x", 1 << 20);
}
