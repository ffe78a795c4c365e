/* A runtime error a C program reports itself: a file that is not there. */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	FILE *f = fopen("no-such-file.txt", "r");

	if (!f) {
		perror("no-such-file.txt");
		return EXIT_FAILURE;
	}
	fclose(f);
	return 0;
}
