/* The C hello workload: bench/run compiles it (as languages/c.ini does)
 * and runs the program, bare, under bwrap and under langjail. */
#include <stdio.h>

int main(void)
{
	puts("hello, world");
	return 0;
}
