// id: compile-include-shadow
// category: read
// tries: C: make the compiler read /etc/shadow at compile time (#include "/etc/shadow"), so that its diagnostics quote the password hashes
// expect: status: compile_error
// layers: landlock mac uid
// forbid: root:[^:]*:[0-9]+:
// note: the compile fails either way (the file is no C, or cannot be
// note: opened); what must not happen is the diagnostics quoting a shadow
// note: line, "root:HASH:DAYS:", which the runner looks for in everything
// note: that comes back.
#include "/etc/shadow"

int main(void)
{
	return 0;
}
