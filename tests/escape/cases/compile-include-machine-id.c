// id: compile-include-machine-id
// category: information
// tries: C: make the compiler read the host's /etc/machine-id (a world-readable host identifier) at compile time (#include "/etc/machine-id"), so that its diagnostics quote it
// expect: status: compile_error
// layers: landlock mac
// forbid: [0-9a-f]{32}
// note: the compile fails either way (32 hex digits are no C, or the file
// note: cannot be opened); what must not happen is the diagnostics quoting
// note: the id, which the runner looks for in everything that comes back.
// note: Not /proc/self/environ: GCC trusts st_size, reads a /proc file as
// note: empty, and such a case could never fail.
#include "/etc/machine-id"

int main(void)
{
	return 0;
}
