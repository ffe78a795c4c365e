/* argx K CMD [ARGS...]: exec CMD ARGS... with K more arguments of 999 bytes
 * each (1000 with the NUL), for the argv-size series: no single argument to
 * hyperfine may exceed 128 KiB, so the series builds its large argv here. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char arg[1000];
	long k = argc > 2 ? strtol(argv[1], NULL, 10) : -1;
	char **v;
	int n = 0;

	if (k < 0 || !(v = calloc((size_t) (argc + k), sizeof(*v))))
		return 125;
	memset(arg, 'a', sizeof(arg) - 1);
	for (int i = 2; i < argc; i++)
		v[n++] = argv[i];
	for (long i = 0; i < k; i++)
		v[n++] = arg;
	execvp(v[0], v);
	return 127;
}
